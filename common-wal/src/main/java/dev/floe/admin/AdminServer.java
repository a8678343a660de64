package dev.floe.admin;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import dev.floe.server.Listeners;
import dev.floe.server.Readiness;
import dev.floe.server.TlsConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin listener every Floe service has: {@code /live} (the process runs; it never depends on
 * storage), {@code /ready} (it takes traffic, as {@link Readiness} says; 503 naming why not) and
 * {@code /metrics} in Prometheus format.
 */
public final class AdminServer implements AutoCloseable {
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private final Server server;

  private AdminServer(Server server) {
    this.server = server;
  }

  public static AdminServer start(
      String host, int port, TlsConfig tls, PrometheusMeterRegistry registry, Readiness readiness) {
    Server server =
        Listeners.builder(host, port, tls)
            .service("/live", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "live\n"))
            .service("/ready", (ctx, req) -> ready(readiness.notReadyReason()))
            .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, registry.scrape()))
            .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
            .build();
    server.start().join();
    return new AdminServer(server);
  }

  private static HttpResponse ready(Optional<String> notReady) {
    return notReady
        .map(reason -> HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "not ready: " + reason + "\n"))
        .orElseGet(() -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n"));
  }

  public int port() {
    return server.activeLocalPort();
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
