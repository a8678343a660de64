package dev.floe.ingest.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
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
import dev.floe.otlp.OtlpJson;
import dev.floe.tenant.InvalidTenantException;
import dev.floe.tenant.TenantIds;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * OTLP/HTTP for one signal: {@code POST /v1/logs}, {@code /v1/traces} or {@code /v1/metrics} with a
 * binary protobuf or JSON body, optionally gzip-compressed. Responses use the request's encoding:
 * the export response on success (with partial success when records were rejected), a {@code
 * google.rpc.Status} with a message on errors, and {@code Retry-After} on 429 and 503.
 */
final class OtlpHttpService implements HttpService {
  private static final String TRANSPORT = "http";
  private static final String RETRY_AFTER_SECONDS = "1";

  private final OtlpEndpoint<? extends Message> endpoint;
  private final OtlpIngestor ingestor;
  private final String defaultTenant;
  private final long maxDecompressedBytes;

  OtlpHttpService(
      OtlpEndpoint<? extends Message> endpoint, OtlpIngestor ingestor, String defaultTenant, long maxDecompressedBytes) {
    this.endpoint = endpoint;
    this.ingestor = ingestor;
    this.defaultTenant = defaultTenant;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request) {
    Encoding encoding = Encoding.of(request.contentType());
    if (encoding == null) {
      return error(Encoding.TEXT, refuse(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Type '" + request.contentType()
              + "'; OTLP/HTTP accepts application/x-protobuf and application/json"));
    }
    String contentEncoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
    if (contentEncoding != null
        && !contentEncoding.equalsIgnoreCase("gzip")
        && !contentEncoding.equalsIgnoreCase("identity")) {
      return error(encoding, refuse(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Encoding '" + contentEncoding + "'; use gzip or none"));
    }
    String tenant;
    try {
      tenant = TenantIds.forWrite(request.headers().get(TenantIds.HEADER), defaultTenant);
    } catch (InvalidTenantException e) {
      return error(encoding, refuse(IngestException.Kind.INVALID, e.getMessage()));
    }
    try {
      ingestor.requireRoom(endpoint.name(), TRANSPORT, request.headers().contentLength());
    } catch (IngestException e) {
      return error(encoding, e);
    }
    boolean gzip = contentEncoding != null && contentEncoding.equalsIgnoreCase("gzip");
    CompletableFuture<HttpResponse> response =
        request.aggregate().thenCompose(body -> handle(body, encoding, gzip, tenant))
            .exceptionally(error -> error(encoding, asRefusal(error)));
    return HttpResponse.of(response);
  }

  private CompletableFuture<HttpResponse> handle(AggregatedHttpRequest body, Encoding encoding, boolean gzip, String tenant) {
    byte[] bytes = body.content().array();
    if (gzip) {
      try {
        bytes = BoundedGzip.decompress(bytes, maxDecompressedBytes);
      } catch (IngestException e) {
        throw ingestor.refused(endpoint.name(), TRANSPORT, 0, e);
      }
    }
    return ingest(endpoint, bytes, encoding, tenant)
        .thenApply(message -> HttpResponse.of(HttpStatus.OK, encoding.mediaType, encoding.encode(message)));
  }

  private <R extends Message> CompletableFuture<Message> ingest(
      OtlpEndpoint<R> target, byte[] bytes, Encoding encoding, String tenant) {
    R parsed;
    try {
      parsed = encoding == Encoding.JSON ? target.parseJson(bytes) : target.parseProtobuf(bytes);
    } catch (IngestException e) {
      throw ingestor.refused(target.name(), TRANSPORT, bytes.length, e);
    }
    return ingestor.ingest(target, TRANSPORT, tenant, parsed, bytes.length);
  }

  private IngestException refuse(IngestException.Kind kind, String message) {
    return ingestor.refused(endpoint.name(), TRANSPORT, 0, new IngestException(kind, message));
  }

  private IngestException asRefusal(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof IngestException refusal) {
      return refusal;
    }
    if (cause instanceof ContentTooLargeException) {
      return refuse(IngestException.Kind.TOO_LARGE, "request body exceeds the limit of " + maxRequestBytes() + " bytes");
    }
    return ingestor.refused(endpoint.name(), TRANSPORT, 0, IngestException.internal(cause));
  }

  private static long maxRequestBytes() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    return ctx == null ? -1 : ctx.maxRequestLength();
  }

  /** The OTLP error response for {@code refusal}, encoded as a request with {@code contentType} expects. */
  static AggregatedHttpResponse errorFor(MediaType contentType, IngestException refusal) {
    Encoding encoding = Encoding.of(contentType);
    return error(encoding == null ? Encoding.TEXT : encoding, refusal).aggregate().join();
  }

  private static HttpResponse error(Encoding encoding, IngestException refusal) {
    Status status =
        Status.newBuilder().setCode(refusal.kind().grpcCode().value()).setMessage(refusal.getMessage()).build();
    ResponseHeadersBuilder headers =
        ResponseHeaders.builder(HttpStatus.valueOf(refusal.kind().httpStatus())).contentType(encoding.mediaType);
    if (refusal.kind().retryable()) {
      headers.add(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    byte[] content =
        encoding == Encoding.TEXT ? refusal.getMessage().getBytes(StandardCharsets.UTF_8) : encoding.encode(status);
    return HttpResponse.of(headers.build(), HttpData.wrap(content));
  }

  /** The body encodings OTLP/HTTP defines, plus text for errors about an unknown one. */
  private enum Encoding {
    PROTOBUF(MediaType.create("application", "x-protobuf")),
    JSON(MediaType.JSON),
    TEXT(MediaType.PLAIN_TEXT_UTF_8);

    private final MediaType mediaType;

    Encoding(MediaType mediaType) {
      this.mediaType = mediaType;
    }

    static Encoding of(MediaType contentType) {
      if (contentType == null) {
        return null;
      }
      String subtype = contentType.subtype().toLowerCase(Locale.ROOT);
      if (!contentType.type().equalsIgnoreCase("application")) {
        return null;
      }
      if (subtype.equals("x-protobuf") || subtype.equals("protobuf")) {
        return PROTOBUF;
      }
      if (subtype.equals("json")) {
        return JSON;
      }
      return null;
    }

    byte[] encode(Message message) {
      if (this == PROTOBUF) {
        return message.toByteArray();
      }
      return OtlpJson.toJson(message);
    }
  }
}
