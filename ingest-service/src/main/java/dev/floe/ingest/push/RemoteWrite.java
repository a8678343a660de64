package dev.floe.ingest.push;

import com.linecorp.armeria.common.MediaType;
import dev.floe.ingest.otlp.IngestException;
import dev.floe.push.RemoteWriteMapper;

/**
 * Prometheus remote write 1.0: a snappy-compressed {@code prometheus.WriteRequest}. Remote write
 * 2.0 ({@code proto=io.prometheus.write.v2.Request}) is refused with 415, which tells a 2.0 sender
 * to fall back to 1.0.
 */
final class RemoteWrite implements PushProtocol {
  private static final String V1_MESSAGE = "prometheus.WriteRequest";

  private final RemoteWriteMapper mapper;

  RemoteWrite(RemoteWriteMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String signal() {
    return "metrics";
  }

  @Override
  public String transport() {
    return "remote_write";
  }

  @Override
  public Decoding decoding(MediaType contentType, String contentEncoding) {
    if (contentType == null || !PushProtocol.isProtobuf(contentType)) {
      throw new IngestException(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Type '" + contentType + "'; remote write accepts application/x-protobuf");
    }
    String proto = contentType.parameters().containsKey("proto") ? contentType.parameters().get("proto").get(0) : null;
    if (proto != null && !proto.equals(V1_MESSAGE)) {
      throw new IngestException(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported remote write message '" + proto + "'; Floe accepts remote write 1.0 (" + V1_MESSAGE + ")");
    }
    if (contentEncoding != null && !contentEncoding.equalsIgnoreCase("snappy")) {
      throw new IngestException(IngestException.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Encoding '" + contentEncoding + "'; remote write bodies are snappy-compressed");
    }
    return new Decoding(false, true, mapper::map);
  }
}
