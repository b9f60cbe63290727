package io.restore.kmip.message;

/** A response payload: one record per modelled operation, {@link RawPayload} otherwise. */
public interface ResponsePayload extends Payload {}
