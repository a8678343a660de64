package dev.floe.ingest.push;

import com.linecorp.armeria.common.MediaType;
import dev.floe.ingest.otlp.IngestException;
import dev.floe.push.LokiPushMapper;

/**
 * Loki's push API as Promtail, Grafana Alloy and Fluent Bit use it: snappy-compressed protobuf
 * (also when no Content-Type is sent, as Loki assumes) or JSON, either optionally gzip-encoded.
 */
final class LokiPush implements PushProtocol {
  private final LokiPushMapper mapper;

  LokiPush(LokiPushMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String signal() {
    return "logs";
  }

  @Override
  public String transport() {
    return "loki";
  }

  @Override
  public Decoding decoding(MediaType contentType, String contentEncoding) {
    boolean gzip;
    if (contentEncoding == null || contentEncoding.equalsIgnoreCase("identity")) {
      gzip = false;
    } else if (contentEncoding.equalsIgnoreCase("gzip")) {
      gzip = true;
    } else {
      throw new IngestException(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Encoding '" + contentEncoding + "'; use gzip or none");
    }
    if (contentType == null || PushProtocol.isProtobuf(contentType)) {
      return new Decoding(gzip, true, mapper::mapProtobuf);
    }
    if (contentType.is(MediaType.JSON)) {
      return new Decoding(gzip, false, mapper::mapJson);
    }
    throw new IngestException(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
        "unsupported Content-Type '" + contentType
            + "'; Loki push accepts application/x-protobuf (snappy-compressed) and application/json");
  }
}
