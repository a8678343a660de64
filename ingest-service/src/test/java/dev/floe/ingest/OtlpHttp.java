package dev.floe.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An OTLP/HTTP client on the JDK's HTTP client, as a plain application would post. */
final class OtlpHttp {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  static final String TENANT_HEADER = "X-Scope-OrgID";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Posts a body; {@code headers} are name-value pairs.
   *
   * @throws IOException when no response arrived (connection refused or reset)
   */
  Response post(URI uri, String contentType, byte[] body, String... headers) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Posts a binary protobuf request, with {@code X-Scope-OrgID} unless {@code tenant} is null. */
  Response postProtobuf(URI uri, Message request, String tenant) {
    try {
      return tenant == null
          ? post(uri, PROTOBUF, request.toByteArray())
          : post(uri, PROTOBUF, request.toByteArray(), TENANT_HEADER, tenant);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response get(URI uri) {
    try {
      HttpResponse<byte[]> response =
          client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with decoders for the bodies OTLP/HTTP sends. */
  record Response(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** The {@code google.rpc.Status} of an error response. */
    Status error() {
      return decode(Status.getDefaultInstance());
    }

    ExportLogsServiceResponse logsResponse() {
      return decode(ExportLogsServiceResponse.getDefaultInstance());
    }

    /** The body as a message of the prototype's type, in the encoding of the response. */
    @SuppressWarnings("unchecked")
    <T extends Message> T decode(T prototype) {
      Message.Builder builder = prototype.newBuilderForType();
      try {
        if (contentType().startsWith(JSON)) {
          JsonFormat.parser().merge(text(), builder);
        } else {
          builder.mergeFrom(body);
        }
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("undecodable " + contentType() + " response body: " + text(), e);
      }
      return (T) builder.build();
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + text();
    }
  }
}
