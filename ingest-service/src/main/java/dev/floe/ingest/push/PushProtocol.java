package dev.floe.ingest.push;

import com.linecorp.armeria.common.MediaType;
import dev.floe.otlp.MappedRows;
import java.util.Locale;

/** What differs between the push receivers: the signal, and how a body is decoded into rows. */
interface PushProtocol {
  /** "logs" or "metrics", for the meters and messages. */
  String signal();

  /** The transport tag of the meters. */
  String transport();

  /**
   * How to decode a body sent with these headers.
   *
   * @param contentType null when the request had none
   * @param contentEncoding null when the request had none
   * @throws dev.floe.ingest.otlp.IngestException UNSUPPORTED_MEDIA_TYPE for a body this receiver does not take
   */
  Decoding decoding(MediaType contentType, String contentEncoding);

  /**
   * @param gzip whether the body is gzip-compressed (Content-Encoding)
   * @param snappy whether the (gunzipped) body is a snappy block
   * @param mapper maps the decompressed body
   */
  record Decoding(boolean gzip, boolean snappy, Mapper mapper) {}

  /** Maps a decompressed body to rows; throws a runtime exception for a body that does not decode. */
  @FunctionalInterface
  interface Mapper {
    MappedRows map(String tenant, byte[] body, long receiveTimeUnixNano);
  }

  /** Whether a Content-Type names binary protobuf ({@code application/x-protobuf} or {@code application/protobuf}). */
  static boolean isProtobuf(MediaType contentType) {
    String subtype = contentType.subtype().toLowerCase(Locale.ROOT);
    return contentType.type().equalsIgnoreCase("application")
        && (subtype.equals("x-protobuf") || subtype.equals("protobuf"));
  }
}
