/**
 * KMIP messages (KMIP 1.4 §6-7) on top of the TTLV codec; every record reads and writes itself in
 * the specification's field order, because mongod's parser is order-sensitive.
 *
 * <p>For a server:
 *
 * <pre>{@code
 * RequestMessage req = RequestMessage.decode(bytes, reader);   // KmipException: Invalid Message...
 * for (RequestBatchItem item : req.batchItems()) {
 *   if (item.payload() instanceof GetRequest get) { ... GetResponse.of(uid, ManagedObject.symmetricKey(...)) }
 * }
 * byte[] reply = ResponseMessage.of(req.header().protocolVersion(), nowSeconds,
 *     List.of(ResponseBatchItem.success(op, item.uniqueBatchItemId(), payload)
 *          /* or ResponseBatchItem.failure(op, id, e.reason(), e.getMessage()) *&#47;)).encode();
 * }</pre>
 *
 * <p>Payload records: Create, Register, Get, Activate, Revoke, Destroy, GetAttributes,
 * GetAttributeList, Add/Modify/DeleteAttribute, Locate, Query, DiscoverVersions, Encrypt, Decrypt
 * ({@code XxxRequest}/{@code XxxResponse}); any other operation is a {@link
 * io.restore.kmip.message.RawPayload}. Attributes use the KMIP 1.x {@link
 * io.restore.kmip.message.Attribute} {Name, Index, Value} form; {@link
 * io.restore.kmip.message.Attributes} also reads KMIP 2.x Attributes structures. Nested structures
 * a server rarely interprets ({@link io.restore.kmip.message.ManagedObject}, {@link
 * io.restore.kmip.message.CryptographicParameters}) keep their items and offer typed getters.
 */
package io.restore.kmip.message;
