package io.restore.kmip.server;

import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;

/** One KMIP operation: a request payload in, a response payload out, or a KmipException. */
@FunctionalInterface
interface OperationHandler {
  ResponsePayload handle(RequestPayload request, RequestContext context) throws KmipException;
}
