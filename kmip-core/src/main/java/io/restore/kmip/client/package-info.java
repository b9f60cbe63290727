/**
 * {@link io.restore.kmip.client.KmipClient}: a small blocking KMIP client over one mutual-TLS
 * connection (host name verified like mongod does), for our tools, tests and benchmarks.
 */
package io.restore.kmip.client;
