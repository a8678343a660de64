package dev.floe.admin;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The admin listener every Floe service has: {@code /live} (the process runs), {@code /ready} (it
 * takes traffic; false while starting and shutting down) and {@code /metrics} in Prometheus format.
 */
public final class AdminServer implements AutoCloseable {
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  private final Server server;

  private AdminServer(Server server) {
    this.server = server;
  }

  public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    Server server =
        Server.builder()
            .http(new java.net.InetSocketAddress(host, port))
            .service("/live", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "live\n"))
            .service(
                "/ready",
                (ctx, req) ->
                    ready.getAsBoolean()
                        ? HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready\n")
                        : HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "not ready\n"))
            .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, registry.scrape()))
            .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
            .build();
    server.start().join();
    return new AdminServer(server);
  }

  public int port() {
    return server.activeLocalPort();
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
