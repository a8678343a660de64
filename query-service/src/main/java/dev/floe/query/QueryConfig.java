package dev.floe.query;

import dev.floe.catalog.CatalogConfig;
import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.lang.ParseLimits;
import dev.floe.logql.engine.LogqlOptions;
import dev.floe.server.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The query service's configuration; {@code docs/configuration.md} documents every key.
 *
 * @param loki Loki HTTP API listener
 * @param prometheus Prometheus HTTP API listener
 * @param tempo Tempo HTTP API listener
 * @param admin health and metrics listener; port -1 runs none (standalone serves one for all)
 * @param defaultTenant tenant of requests without {@code X-Scope-OrgID}
 * @param storage where the WAL lives
 * @param catalog the Iceberg catalog holding the tables
 * @param wal the WAL layout
 * @param lokiLimits limits of Loki API queries
 * @param prometheusLimits limits of Prometheus API queries
 * @param limits limits of every query, whatever its API: how many run at once, how large it may be
 * @param promoteResourceAttributes OTLP resource attributes that become labels of every series of
 *     their resource, as Prometheus's {@code otlp.promote_resource_attributes}
 * @param authEnabled refuse requests without {@code X-Scope-OrgID} with 401 instead of reading
 *     {@code defaultTenant}, as Loki's {@code auth_enabled}
 * @param tls TLS of every listener (Loki, Prometheus, admin)
 */
public record QueryConfig(
    Listener loki,
    Listener prometheus,
    Listener tempo,
    Listener admin,
    String defaultTenant,
    StorageConfig storage,
    CatalogConfig catalog,
    WalConfig wal,
    LokiLimits lokiLimits,
    PrometheusLimits prometheusLimits,
    TempoLimits tempoLimits,
    QueryLimits limits,
    List<String> promoteResourceAttributes,
    boolean authEnabled,
    TlsConfig tls) {

  /** A TCP listener. */
  public record Listener(String host, int port) {}

  /**
   * Loki's limits, with Loki's defaults.
   *
   * @param maxQueryLength longest time range of one query ({@code max_query_length})
   * @param maxEntriesLimitPerQuery largest {@code limit} of a log query
   * @param maxQuerySeries most series or streams a metric query may return
   * @param queryTimeout longest a query may run
   * @param maxPoints most points per series of a range query
   */
  public record LokiLimits(
      Duration maxQueryLength,
      int maxEntriesLimitPerQuery,
      int maxQuerySeries,
      Duration queryTimeout,
      int maxPoints) {
    static LokiLimits defaults() {
      return new LokiLimits(Duration.ofHours(721), 5000, 500, Duration.ofMinutes(1), 11_000);
    }

    /** The limits the LogQL engine enforces itself. */
    public LogqlOptions engineOptions() {
      return new LogqlOptions(maxEntriesLimitPerQuery, maxQuerySeries, queryTimeout);
    }
  }

  /**
   * Prometheus's limits, with Prometheus's defaults.
   *
   * @param lookbackDelta how far back an instant selector looks for a sample
   * @param queryTimeout longest a query may run
   * @param maxSamples most samples one query may hold in memory
   * @param maxPoints most points per series of a range query
   */
  public record PrometheusLimits(Duration lookbackDelta, Duration queryTimeout, long maxSamples, int maxPoints) {
    static PrometheusLimits defaults() {
      return new PrometheusLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), 50_000_000L, 11_000);
    }
  }

  /**
   * Tempo's limits, with Tempo's defaults where it has them.
   *
   * @param defaultLookback the range a search covers when a request gives no {@code start}/{@code end}
   * @param maxRange the longest range one request may cover
   * @param queryTimeout longest a query may run
   * @param maxLimit the largest {@code limit} a search may ask for
   * @param maxSpansPerSpanset the largest {@code spss}
   * @param maxSeries the most series a metrics query may produce
   * @param maxPoints the most points per series of a metrics range query
   * @param maxExemplars the most exemplars per series
   * @param maxTagValues the most tag names or tag values one request returns
   */
  public record TempoLimits(
      Duration defaultLookback,
      Duration maxRange,
      Duration queryTimeout,
      int maxLimit,
      int maxSpansPerSpanset,
      int maxSeries,
      int maxPoints,
      int maxExemplars,
      int maxTagValues) {
    static TempoLimits defaults() {
      return new TempoLimits(
          Duration.ofHours(1), Duration.ofHours(168), Duration.ofMinutes(2), 1000, 100, 1000, 11_000, 100, 5000);
    }
  }

  /**
   * Limits of every query, whatever its API.
   *
   * @param maxConcurrent queries running at once; more wait in the queue
   * @param maxConcurrentPerTenant queries of one tenant running at once
   * @param maxQueued queries waiting for a turn; beyond it a query is refused with 429
   * @param maxQueuedPerTenant queries of one tenant waiting for a turn; beyond it 429
   * @param maxDepth deepest nesting of a query expression (parentheses, calls, chained operators)
   * @param maxExpressionLength longest query expression, in characters
   */
  public record QueryLimits(
      int maxConcurrent,
      int maxConcurrentPerTenant,
      int maxQueued,
      int maxQueuedPerTenant,
      int maxDepth,
      int maxExpressionLength) {
    static QueryLimits defaults() {
      ParseLimits parse = ParseLimits.DEFAULT;
      return new QueryLimits(8, 4, 64, 32, parse.maxDepth(), parse.maxLength());
    }

    /** What the query parsers accept. */
    public ParseLimits parseLimits() {
      return new ParseLimits(maxDepth, maxExpressionLength);
    }
  }

  /** Defaults that work out of the box: data and embedded catalog under ./data. */
  public static QueryConfig defaults() {
    return new QueryConfig(
        new Listener("0.0.0.0", 3100),
        new Listener("0.0.0.0", 9090),
        new Listener("0.0.0.0", 3200),
        new Listener("0.0.0.0", 8083),
        "default",
        StorageConfig.local("./data"),
        CatalogConfig.embedded("./data"),
        WalConfig.defaults(),
        LokiLimits.defaults(),
        PrometheusLimits.defaults(),
        TempoLimits.defaults(),
        QueryLimits.defaults(),
        List.of(),
        false,
        TlsConfig.none());
  }

  /** Loads from the YAML file named by {@code FLOE_CONFIG} (if set) and the environment. */
  public static QueryConfig load(Map<String, String> env) {
    String file = env.get("FLOE_CONFIG");
    return new ConfigLoader()
        .load(QueryConfig.class, defaults(), file == null || file.isBlank() ? null : Path.of(file), env);
  }
}
