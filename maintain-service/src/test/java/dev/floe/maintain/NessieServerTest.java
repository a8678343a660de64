package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.store.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NessieServerTest {
  @TempDir Path dir;

  @Test
  void readsTheMajorVersionOfAJdkFromItsReleaseFile() throws IOException {
    assertThat(NessieServer.javaVersion(jdk("25", "JAVA_VERSION=\"25.0.3\""))).isEqualTo(25);
    assertThat(NessieServer.javaVersion(jdk("21", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21\""))).isEqualTo(21);
    assertThat(NessieServer.javaVersion(jdk("17", "JAVA_VERSION=\"17.0.15\""))).isEqualTo(17);
    assertThat(NessieServer.javaVersion(jdk("8", "JAVA_VERSION=\"1.8.0_392\""))).isEqualTo(8);
    assertThat(NessieServer.javaVersion(dir.resolve("none"))).isZero();
  }

  @Test
  void everyListenerIsOnLoopbackAndTheWarehouseIsInTheBucket() {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      Map<String, String> properties = NessieServer.serverProperties(s3, 1234, 5678);
      assertThat(properties)
          .containsEntry("quarkus.http.host", "127.0.0.1")
          .containsEntry("quarkus.management.host", "127.0.0.1")
          .containsEntry("nessie.catalog.default-warehouse", NessieServer.WAREHOUSE)
          .containsEntry("nessie.catalog.warehouses.floe.location", "s3://" + s3.bucket() + "/warehouse");
    }
  }

  private Path jdk(String name, String release) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.writeString(home.resolve("release"), release + "\n");
    return home;
  }
}
