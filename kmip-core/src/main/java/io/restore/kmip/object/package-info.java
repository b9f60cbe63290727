/**
 * Managed objects as the server stores them, and their store: {@link
 * io.restore.kmip.object.StoredObject} (a Symmetric Key or Secret Data, its {@link
 * io.restore.kmip.object.StoredAttribute}s, and the KMIP 1.4 §3.22 state rules), {@link
 * io.restore.kmip.object.ObjectStore} and the thread-safe {@link
 * io.restore.kmip.object.InMemoryObjectStore}. The wire forms of the same concepts are {@code
 * message.ManagedObject} and {@code message.Attribute}; {@code server.Conversions} maps between
 * them. A restore session preloads one Active AES-256 key with {@link
 * io.restore.kmip.object.InMemoryObjectStore#withActiveKey}; key bytes are copied in, handed out
 * only as zeroed-after-use copies, and zeroed on destroy and close. Object types, states and the
 * Result Reason of a refusal ({@link io.restore.kmip.object.ObjectException#reason()}) are the
 * generated {@code ttlv} enumerations.
 */
package io.restore.kmip.object;
