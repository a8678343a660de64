package dev.floe.ingest.push;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.ingest.otlp.BoundedGzip;
import dev.floe.ingest.otlp.IngestException;
import dev.floe.ingest.otlp.OtlpIngestor;
import dev.floe.otlp.MappedRows;
import dev.floe.push.PushFormatException;
import dev.floe.push.SnappyBlock;
import dev.floe.tenant.InvalidTenantException;
import dev.floe.tenant.TenantIds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One push receiver over HTTP, with the same tenancy, limits, memory budget and ack-after-durable
 * semantics as OTLP/HTTP. Answers 204 once every row is durable; 400 with a plain-text message for
 * bad input (the valid records of a request with some invalid ones are written first, as Loki and
 * Prometheus do); 413 and 415 for oversized and unsupported bodies; 429 and 503, with {@code
 * Retry-After}, when the client should retry.
 */
final class PushHttpService implements HttpService {
  private static final String RETRY_AFTER_SECONDS = "1";

  private final PushProtocol protocol;
  private final OtlpIngestor ingestor;
  private final String defaultTenant;
  private final long maxDecompressedBytes;

  PushHttpService(PushProtocol protocol, OtlpIngestor ingestor, String defaultTenant, long maxDecompressedBytes) {
    this.protocol = protocol;
    this.ingestor = ingestor;
    this.defaultTenant = defaultTenant;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request) {
    PushProtocol.Decoding decoding;
    String tenant;
    try {
      decoding = protocol.decoding(request.contentType(), request.headers().get(HttpHeaderNames.CONTENT_ENCODING));
      tenant = TenantIds.forWrite(request.headers().get(TenantIds.HEADER), defaultTenant);
    } catch (InvalidTenantException e) {
      return error(refuse(IngestException.Kind.INVALID, e.getMessage()));
    } catch (IngestException e) {
      return error(count(e));
    }
    try {
      ingestor.requireRoom(protocol.signal(), protocol.transport(), request.headers().contentLength());
    } catch (IngestException e) {
      return error(e);
    }
    CompletableFuture<HttpResponse> response =
        request.aggregate()
            .thenCompose(body -> handle(body, decoding, tenant))
            .exceptionally(failure -> error(asRefusal(ctx, failure)));
    return HttpResponse.of(response);
  }

  private CompletableFuture<HttpResponse> handle(AggregatedHttpRequest request, PushProtocol.Decoding decoding, String tenant) {
    byte[] body;
    try {
      body = decompress(request.content().array(), decoding);
    } catch (IngestException e) {
      throw count(e);
    }
    return ingestor
        .write(protocol.signal(), protocol.transport(), body.length, now -> decoding.mapper().map(tenant, body, now))
        .thenApply(PushHttpService::answer);
  }

  private byte[] decompress(byte[] body, PushProtocol.Decoding decoding) {
    byte[] bytes = decoding.gzip() ? BoundedGzip.decompress(body, maxDecompressedBytes) : body;
    if (!decoding.snappy()) {
      return bytes;
    }
    try {
      return SnappyBlock.decompress(bytes, maxDecompressedBytes);
    } catch (PushFormatException e) {
      throw new IngestException(IngestException.Kind.INVALID, e.getMessage(), e);
    } catch (SnappyBlock.PayloadTooLargeException e) {
      throw new IngestException(IngestException.Kind.TOO_LARGE, e.getMessage(), e);
    }
  }

  /** 204 when every record was stored; 400 naming the first problem when some were left out. */
  private static HttpResponse answer(MappedRows mapped) {
    if (mapped.rejected() == 0) {
      return HttpResponse.of(HttpStatus.NO_CONTENT);
    }
    return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.PLAIN_TEXT_UTF_8, mapped.rejectionMessage());
  }

  private IngestException asRefusal(ServiceRequestContext ctx, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof IngestException refusal) {
      return refusal;
    }
    if (cause instanceof ContentTooLargeException) {
      return refuse(IngestException.Kind.TOO_LARGE,
          "request body exceeds the limit of " + ctx.maxRequestLength() + " bytes");
    }
    return count(IngestException.internal(cause));
  }

  private IngestException refuse(IngestException.Kind kind, String message) {
    return count(new IngestException(kind, message));
  }

  private IngestException count(IngestException refusal) {
    return ingestor.refused(protocol.signal(), protocol.transport(), 0, refusal);
  }

  private static HttpResponse error(IngestException refusal) {
    ResponseHeadersBuilder headers =
        ResponseHeaders.builder(HttpStatus.valueOf(refusal.kind().httpStatus())).contentType(MediaType.PLAIN_TEXT_UTF_8);
    if (refusal.kind().retryable()) {
      headers.add(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return HttpResponse.of(headers.build(), HttpData.ofUtf8(refusal.getMessage()));
  }
}
