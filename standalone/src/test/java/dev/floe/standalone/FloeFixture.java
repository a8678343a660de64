package dev.floe.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.ingest.IngestConfig;
import dev.floe.maintain.MaintainConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.query.QueryConfig;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Standalone Floe on a temporary folder with every listener on 127.0.0.1 and an ephemeral port, and
 * a plain HTTP client for its APIs.
 */
final class FloeFixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Standalone floe;
  private final Path dataDir;
  private final MaintainConfig maintain;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  FloeFixture(Path dataDir) {
    StandaloneConfig defaults = StandaloneConfig.defaults();
    IngestConfig i = defaults.ingest();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    IngestConfig ingest =
        new IngestConfig(
            i.instanceId(), local, local, local, i.defaultTenant(), i.storage(), i.wal(), i.batch(),
            i.limits(), i.mapping(), Duration.ofSeconds(5), i.authEnabled(), i.tls(), i.readiness());
    QueryConfig q = defaults.query();
    QueryConfig.Listener queryLocal = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig query =
        new QueryConfig(
            queryLocal, queryLocal, queryLocal, queryLocal, q.defaultTenant(), q.storage(), q.catalog(), q.wal(),
            q.lokiLimits(), q.prometheusLimits(), q.tempoLimits(), q.limits(), q.promoteResourceAttributes(),
            q.authEnabled(), q.tls());
    this.dataDir = dataDir;
    this.maintain = defaults.maintain();
    this.floe = Standalone.start(
        new StandaloneConfig(dataDir.toString(), ingest, maintain, query, defaults.authEnabled(), defaults.tls()));
  }

  /**
   * Stops the embedded maintenance (waiting for a round in progress), so that nothing more is compacted
   * until the test calls {@link #compact}.
   */
  void pauseCompaction() {
    floe.maintain().stop();
  }

  /** Compacts the signal's WAL into its table now, as the leader would, and returns what it committed. */
  CompactionResult compact(Signal signal) {
    Table table = floe.maintain().tables().get(signal);
    try (LocalObjectStore store = new LocalObjectStore(dataDir)) {
      Compactor compactor = new Compactor(signal, table, store, maintain.wal().shards(), maintain.compaction(),
          new CompactionMetrics(new SimpleMeterRegistry(), signal), Clock.systemUTC());
      return compactor.compact(() -> true);
    }
  }

  /** Deletes the signal's compacted WAL segments, so that only the table can answer for what they held. */
  int dropCompactedWal(Signal signal) {
    Table table = floe.maintain().tables().get(signal);
    table.refresh();
    Watermarks watermarks = Watermarks.of(table.properties());
    List<String> compacted = new ArrayList<>();
    try (LocalObjectStore store = new LocalObjectStore(dataDir)) {
      WalReader wal = new WalReader(store);
      for (int shard : wal.shards(signal)) {
        for (WalSegment segment : wal.segmentsAbove(signal, shard, -1)) {
          if (segment.key().offset() <= watermarks.get(shard)) {
            compacted.add(segment.key().path());
          }
        }
      }
      store.deleteAll(compacted);
    }
    return compacted.size();
  }

  /** The rows of the signal's table whose column {@code column} is {@code value}. */
  List<Record> tableRows(Signal signal, String column, String value) {
    Table table = floe.maintain().tables().get(signal);
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table).where(Expressions.equal(column, value)).build()) {
      records.forEach(row -> {
        if (value.equals(row.getField(column))) {
          rows.add(row);
        }
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  Standalone floe() {
    return floe;
  }

  /** The OTLP/HTTP endpoint, e.g. {@code otlp("/v1/logs")}. */
  String otlp(String path) {
    return "http://127.0.0.1:" + floe.ingest().httpPort() + path;
  }

  /** GET on the Loki API with query parameters, as {@code tenant} (null for none). */
  Response loki(String path, Map<String, String> params, String tenant) {
    return get("http://127.0.0.1:" + floe.query().lokiPort() + path, params, tenant);
  }

  /** GET on the Prometheus API with query parameters, as {@code tenant} (null for none). */
  Response prometheus(String path, Map<String, String> params, String tenant) {
    return get("http://127.0.0.1:" + floe.query().prometheusPort() + path, params, tenant);
  }

  /** GET on the Tempo API with query parameters, as {@code tenant} (null for none). */
  Response tempo(String path, Map<String, String> params, String tenant) {
    return get("http://127.0.0.1:" + floe.query().tempoPort() + path, params, tenant);
  }

  /** A form POST on the Prometheus API, as {@code tenant} (null for none). */
  Response prometheusForm(String path, Map<String, String> params, String tenant) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floe.query().prometheusPort() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    return send(request, tenant);
  }

  Response get(String base, Map<String, String> params, String tenant) {
    String query = form(params);
    return send(HttpRequest.newBuilder(URI.create(base + (query.isEmpty() ? "" : "?" + query))), tenant);
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Response send(HttpRequest.Builder request, String tenant) {
    request.timeout(Duration.ofSeconds(30));
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  @Override
  public void close() {
    floe.close();
  }
}
