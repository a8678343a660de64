package dev.floe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.TlsKeyPair;
import dev.floe.server.TlsConfig;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on every ingest listener from PEM files in the configuration, tested with the OpenTelemetry
 * SDK's exporters over gRPC and HTTP and a self-signed certificate made here; with a client CA
 * configured, a client without a certificate is refused.
 */
@Timeout(120)
class TlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @Test
  void sdkExportersSendOverTlsToBothOtlpListenersAndAdminAnswersHttps() throws Exception {
    Pem server = Pem.selfSigned("localhost", dir.resolve("server"));
    TlsConfig tls = new TlsConfig(server.cert().toString(), server.key().toString(), "");
    try (IngestFixture ingest = IngestFixture.local(dir.resolve("wal")).tls(tls).start()) {
      byte[] trusted = Files.readAllBytes(server.cert());
      LogRecordExporter grpc = grpcExporter(ingest, server, null, TIMEOUT);
      LogRecordExporter http =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint("https://localhost:" + httpPort(ingest) + "/v1/logs")
              .setTrustedCertificates(trusted)
              .setTimeout(TIMEOUT)
              .build();
      assertThat(export(grpc)).as("gRPC over TLS").isTrue();
      assertThat(export(http)).as("HTTP over TLS").isTrue();
      assertThat(ingest.wal().logBodies()).contains(SdkTelemetry.LOG_BODY);

      HttpResponse<String> ready =
          HttpClient.newBuilder().sslContext(trusting(server.cert())).build()
              .send(
                  HttpRequest.newBuilder(URI.create("https://localhost:" + ingest.service().adminPort() + "/ready")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      LogRecordExporter plain =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint("http://localhost:" + httpPort(ingest) + "/v1/logs")
              .setTimeout(Duration.ofSeconds(5))
              .build();
      assertThat(export(plain)).as("plain text to a TLS listener").isFalse();
    }
  }

  @Test
  void withAClientCaOnlyClientsWithACertificateAreServed() throws Exception {
    Pem server = Pem.selfSigned("localhost", dir.resolve("server"));
    Pem client = Pem.selfSigned("floe-client", dir.resolve("client"));
    TlsConfig tls = new TlsConfig(server.cert().toString(), server.key().toString(), client.cert().toString());
    try (IngestFixture ingest = IngestFixture.local(dir.resolve("wal")).tls(tls).start()) {
      byte[] trusted = Files.readAllBytes(server.cert());
      byte[] clientKey = Files.readAllBytes(client.key());
      byte[] clientCert = Files.readAllBytes(client.cert());
      String httpEndpoint = "https://localhost:" + httpPort(ingest) + "/v1/logs";

      assertThat(export(grpcExporter(ingest, server, null, Duration.ofSeconds(5))))
          .as("gRPC without a client certificate").isFalse();
      assertThat(export(OtlpHttpLogRecordExporter.builder().setEndpoint(httpEndpoint).setTrustedCertificates(trusted)
              .setTimeout(Duration.ofSeconds(5)).build()))
          .as("HTTP without a client certificate").isFalse();

      assertThat(export(grpcExporter(ingest, server, client, TIMEOUT))).as("gRPC with a client certificate").isTrue();
      assertThat(export(OtlpHttpLogRecordExporter.builder().setEndpoint(httpEndpoint).setTrustedCertificates(trusted)
              .setClientTls(clientKey, clientCert).setTimeout(TIMEOUT).build()))
          .as("HTTP with a client certificate").isTrue();
      assertThat(ingest.wal().logBodies()).contains(SdkTelemetry.LOG_BODY);
    }
  }

  /**
   * The SDK's gRPC exporter on a TLS channel that trusts {@code server} and presents {@code client}
   * (when not null): the exporter's own TLS settings apply only to its OkHttp sender, so a gRPC
   * channel is handed to it, as applications using grpc-java do.
   */
  private LogRecordExporter grpcExporter(IngestFixture ingest, Pem server, Pem client, Duration timeout)
      throws Exception {
    SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(server.cert().toFile());
    if (client != null) {
      ssl.keyManager(client.cert().toFile(), client.key().toFile());
    }
    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", ingest.grpcPort()).sslContext(ssl.build()).build();
    channels.add(channel);
    return OtlpGrpcLogRecordExporter.builder().setChannel(channel).setTimeout(timeout).build();
  }

  @AfterEach
  void closeChannels() {
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private static int httpPort(IngestFixture ingest) {
    return ingest.service().httpPort();
  }

  /** Exports the SDK's sample logs; whether the export succeeded. */
  private static boolean export(LogRecordExporter exporter) {
    try {
      CompletableResultCode result = exporter.export(SdkTelemetry.logs());
      result.join(30, TimeUnit.SECONDS);
      return result.isSuccess();
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static SSLContext trusting(Path certFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
    trust.setCertificateEntry("floe", cert);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** A self-signed certificate and its key, as the PEM files the configuration names. */
  private record Pem(Path cert, Path key) {
    static Pem selfSigned(String host, Path prefix) throws Exception {
      TlsKeyPair pair = TlsKeyPair.ofSelfSigned(host);
      Path cert = Path.of(prefix + ".crt");
      Path key = Path.of(prefix + ".key");
      Files.writeString(cert, pem("CERTIFICATE", pair.certificateChain().get(0).getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", pair.privateKey().getEncoded()));
      return new Pem(cert, key);
    }

    private static String pem(String type, byte[] der) {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
  }
}
