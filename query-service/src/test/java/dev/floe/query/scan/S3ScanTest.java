package dev.floe.query.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.FloeCatalog;
import dev.floe.schema.Signal;
import dev.floe.store.S3ObjectStore;
import dev.floe.store.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The scan on S3: the WAL through the object store, data files through Iceberg's S3FileIO. */
@Timeout(120)
class S3ScanTest {
  @TempDir Path dir;
  private S3ProxyServer s3;
  private S3ObjectStore store;

  @BeforeEach
  void start() {
    s3 = S3ProxyServer.start();
    store = s3.newStore("wal-store");
  }

  @AfterEach
  void stop() {
    store.close();
    s3.close();
  }

  /** The embedded SQLite catalog with its warehouse in the S3 bucket. */
  private CatalogConfig catalog() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("warehouse", "s3://" + s3.bucket() + "/warehouse");
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", s3.endpoint().toString());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", s3.accessKey());
    p.put("s3.secret-access-key", s3.secretKey());
    p.put("client.region", "us-east-1");
    p.put("http-client.type", "apache");
    // S3Proxy mishandles Expect: 100-continue.
    p.put("http-client.apache.expect-continue-enabled", "false");
    return new CatalogConfig("sqlite", "floe", "floe", "jdbc:sqlite:" + dir + "/catalog.db", dir + "/unused", "main", p);
  }

  @Test
  void readsTheWalFromTheObjectStoreAndDataFilesThroughS3FileIo() throws IOException {
    try (ScanFixture fixture = new ScanFixture(catalog(), store)) {
      readBothSides(fixture);
    }
  }

  private void readBothSides(ScanFixture fixture) {
    List<Record> compacted = ScanFixture.logs("s3-old", 20);
    fixture.append(Signal.LOGS, compacted);
    fixture.compact(Signal.LOGS);
    List<Record> fresh = ScanFixture.logs("s3-new", 20);
    fixture.append(Signal.LOGS, fresh);

    CollectingConsumer consumer = new CollectingConsumer("body");
    ScanStats stats =
        fixture.scanner(store).scan(ScanRequest.builder(Signal.LOGS).tenants(Set.of("tenant-a", "tenant-b")).columns("body").build(), consumer);

    List<Object> expected = new ArrayList<>();
    compacted.forEach(row -> expected.add(row.getField("body")));
    fresh.forEach(row -> expected.add(row.getField("body")));
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(stats.segments()).isEqualTo(1);
    assertThat(stats.dataFiles()).isEqualTo(4);
    FloeCatalog catalog = fixture.catalog();
    assertThat(catalog.catalog().loadTable(catalog.identifier(Signal.LOGS)).location()).startsWith("s3://");
  }
}
