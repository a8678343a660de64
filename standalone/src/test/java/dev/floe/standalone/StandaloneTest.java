package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneTest {
  @TempDir Path dataDir;

  @Test
  void aLogSentOverOtlpReachesTheIcebergTableWithinSeconds() throws Exception {
    try (FloeFixture fixture = new FloeFixture(dataDir)) {
      Standalone floe = fixture.floe();
      long nanos = System.currentTimeMillis() * 1_000_000L;
      String log =
          "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"demo\"}}]},"
              + "\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"" + nanos + "\",\"body\":{\"stringValue\":\"hello floe\"}}]}]}]}";
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floe.ingest().httpPort() + "/v1/logs"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(log))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      Catalog catalog = Catalogs.open(CatalogConfig.embedded(dataDir.toString()));
      Table logs = catalog.loadTable(TableIdentifier.of("floe", "logs"));
      long deadline = System.currentTimeMillis() + 20_000;
      Snapshot snapshot = null;
      while (snapshot == null && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
        logs.refresh();
        snapshot = logs.currentSnapshot();
      }
      assertThat(snapshot).as("a compaction commit within 20 s").isNotNull();
      assertThat(snapshot.summary()).containsEntry("total-records", "1");
      assertThat(floe.maintain().isLeader()).isTrue();
    }
  }
}
