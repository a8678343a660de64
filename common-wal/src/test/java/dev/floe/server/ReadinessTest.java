package dev.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.Server;
import dev.floe.admin.AdminServer;
import dev.floe.admin.ServiceMeters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /ready} on the admin listener: 200 only once started, with every gate open, until draining. */
@Timeout(60)
class ReadinessTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void readyOnlyWhileStartedEveryListenerBoundAndNotDraining() throws Exception {
    Readiness readiness = new Readiness();
    Server api = Server.builder().http(0).service("/", (ctx, req) -> HttpResponse.of("api")).build();
    AtomicBoolean storage = new AtomicBoolean(true);
    readiness.requireListening("API", api);
    readiness.require("storage", storage::get);
    try (AdminServer admin = AdminServer.start("127.0.0.1", 0, TlsConfig.none(), ServiceMeters.newRegistry(), readiness)) {
      assertThat(ready(admin)).isEqualTo("503 not ready: starting");
      readiness.markStarted();
      assertThat(ready(admin)).isEqualTo("503 not ready: waiting for API listener");

      api.start().join();
      assertThat(ready(admin)).isEqualTo("200 ready");
      storage.set(false);
      assertThat(ready(admin)).isEqualTo("503 not ready: waiting for storage");
      storage.set(true);

      readiness.drain();
      assertThat(ready(admin)).isEqualTo("503 not ready: shutting down");
      assertThat(get(admin, "/live")).isEqualTo("200 live");
    } finally {
      api.stop().join();
    }
  }

  @Test
  void aStoppedListenerMakesTheProcessUnready() throws Exception {
    Readiness readiness = new Readiness();
    Server api = Server.builder().http(0).service("/", (ctx, req) -> HttpResponse.of("api")).build();
    readiness.requireListening("Tempo API", api);
    api.start().join();
    readiness.markStarted();
    try (AdminServer admin = AdminServer.start("127.0.0.1", 0, TlsConfig.none(), ServiceMeters.newRegistry(), readiness)) {
      assertThat(ready(admin)).isEqualTo("200 ready");
      api.stop().join();
      assertThat(ready(admin)).isEqualTo("503 not ready: waiting for Tempo API listener");
    }
  }

  private String ready(AdminServer admin) throws Exception {
    return get(admin, "/ready");
  }

  private String get(AdminServer admin, String path) throws Exception {
    var response =
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(), BodyHandlers.ofString());
    return response.statusCode() + " " + response.body().strip();
  }
}
