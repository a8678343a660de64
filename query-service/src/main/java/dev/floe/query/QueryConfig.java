package dev.floe.query;

import dev.floe.catalog.CatalogConfig;
import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
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
 * @param admin health and metrics listener; port -1 runs none (standalone serves one for all)
 * @param defaultTenant tenant of requests without {@code X-Scope-OrgID}
 * @param storage where the WAL lives
 * @param catalog the Iceberg catalog holding the tables
 * @param wal the WAL layout
 * @param lokiLimits limits of Loki API queries
 * @param prometheusLimits limits of Prometheus API queries
 * @param promoteResourceAttributes OTLP resource attributes that become labels of every series of
 *     their resource, as Prometheus's {@code otlp.promote_resource_attributes}
 * @param authEnabled refuse requests without {@code X-Scope-OrgID} with 401 instead of reading
 *     {@code defaultTenant}, as Loki's {@code auth_enabled}
 * @param tls TLS of every listener (Loki, Prometheus, admin)
 */
public record QueryConfig(
    Listener loki,
    Listener prometheus,
    Listener admin,
    String defaultTenant,
    StorageConfig storage,
    CatalogConfig catalog,
    WalConfig wal,
    LokiLimits lokiLimits,
    PrometheusLimits prometheusLimits,
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

  /** Defaults that work out of the box: data and embedded catalog under ./data. */
  public static QueryConfig defaults() {
    return new QueryConfig(
        new Listener("0.0.0.0", 3100),
        new Listener("0.0.0.0", 9090),
        new Listener("0.0.0.0", 8083),
        "default",
        StorageConfig.local("./data"),
        CatalogConfig.embedded("./data"),
        WalConfig.defaults(),
        LokiLimits.defaults(),
        PrometheusLimits.defaults(),
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
