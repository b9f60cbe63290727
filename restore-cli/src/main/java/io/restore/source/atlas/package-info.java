/**
 * The {@code atlas://PROJECT/CLUSTER[/SNAPSHOT|/latest]} source: lists the cluster's cloud backup
 * snapshots through the Atlas Administration API (v2, {@code
 * application/vnd.atlas.2023-01-01+json}), creates a download restore job, waits for its {@code
 * deliveryUrl} and hands that link to the URL source. Rules in docs/design/sources.md and
 * docs/atlas-api.md.
 */
package io.restore.source.atlas;
