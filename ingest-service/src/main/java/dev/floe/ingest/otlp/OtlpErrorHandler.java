package dev.floe.ingest.otlp;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Renders the statuses Armeria decides before an OTLP handler runs (a body over the size limit is
 * refused from its Content-Length alone) as OTLP/HTTP errors: a {@code google.rpc.Status} in the
 * request's encoding, as the specification requires for every 4xx and 5xx.
 */
final class OtlpErrorHandler implements ServerErrorHandler {
  private static final String OTLP_PATH_PREFIX = "/v1/";

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    return null; // the OTLP handlers answer their own failures
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx,
      ServiceConfig config,
      RequestHeaders headers,
      HttpStatus status,
      String description,
      Throwable cause) {
    // Other routes on the same server (Loki push, remote write) keep Armeria's plain-text statuses.
    if (status != HttpStatus.REQUEST_ENTITY_TOO_LARGE || !ctx.path().startsWith(OTLP_PATH_PREFIX)) {
      return null;
    }
    IngestException refusal =
        new IngestException(
            IngestException.Kind.TOO_LARGE,
            "request body exceeds the limit of " + config.maxRequestLength() + " bytes");
    return OtlpHttpService.errorFor(headers.contentType(), refusal);
  }
}
