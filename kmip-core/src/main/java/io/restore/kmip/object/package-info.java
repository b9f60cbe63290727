/**
 * Managed objects and their store: {@link io.restore.kmip.object.ManagedObject} (Symmetric Key or
 * Secret Data, its attributes, and the KMIP 1.4 §3.22 state rules), {@link
 * io.restore.kmip.object.ObjectStore} and the thread-safe {@link
 * io.restore.kmip.object.InMemoryObjectStore}. A restore session preloads one Active AES-256 key
 * with {@link io.restore.kmip.object.InMemoryObjectStore#withActiveKey}; key bytes are copied in,
 * handed out only as zeroed-after-use copies, and zeroed on destroy and close. Independent of the
 * wire codec: refusals carry an {@link io.restore.kmip.object.ObjectException.Reason} with the KMIP
 * Result Reason code.
 */
package io.restore.kmip.object;
