package io.restore.kmip.message;

/** A request payload: one record per modelled operation, {@link RawPayload} otherwise. */
public interface RequestPayload extends Payload {}
