package dev.floe.standalone;

import dev.floe.catalog.CatalogConfig;
import dev.floe.config.ConfigException;
import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.ingest.IngestConfig;
import dev.floe.maintain.MaintainConfig;
import dev.floe.query.QueryConfig;
import dev.floe.server.TlsConfig;
import dev.floe.maintain.cleanup.CleanupConfig;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.lease.LeaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of standalone Floe: a data folder and the settings of each embedded service. The
 * storage and catalog settings of the services are ignored: everything lives under {@code dataDir}.
 *
 * @param dataDir the folder holding the WAL, the embedded catalog and the lake (env {@code
 *     FLOE_DATA_DIR})
 * @param ingest the embedded ingest service (env {@code FLOE_INGEST_...})
 * @param maintain the embedded maintain service (env {@code FLOE_MAINTAIN_...}); its defaults here
 *     are short, so that data moves from the WAL into Iceberg within seconds
 * @param query the embedded query service (env {@code FLOE_QUERY_...})
 * @param authEnabled every API requires {@code X-Scope-OrgID} (env {@code FLOE_AUTH_ENABLED})
 * @param tls TLS of every listener (env {@code FLOE_TLS_...})
 */
public record StandaloneConfig(
    String dataDir,
    IngestConfig ingest,
    MaintainConfig maintain,
    QueryConfig query,
    boolean authEnabled,
    TlsConfig tls) {

  public StandaloneConfig {
    // One process, one setting: the services' own keys would only cover some of its listeners.
    if (ingest.authEnabled() || query.authEnabled()) {
      throw new ConfigException("in standalone, set authEnabled (FLOE_AUTH_ENABLED), not ingest.authEnabled or query.authEnabled");
    }
    if (ingest.tls().enabled() || maintain.tls().enabled() || query.tls().enabled()) {
      throw new ConfigException("in standalone, set tls.* (FLOE_TLS_...) for every listener, not the tls of one service");
    }
  }

  public static StandaloneConfig defaults() {
    MaintainConfig m = MaintainConfig.defaults();
    CompactionConfig c = m.compaction();
    MaintainConfig maintain =
        new MaintainConfig(
            m.instanceId(),
            m.admin(),
            m.storage(),
            m.catalog(),
            m.wal(),
            new CompactionConfig(Duration.ofSeconds(5), c.targetFileBytes(), c.maxSegmentBytesPerCommit(), c.maxRowsPerCommit()),
            new LeaseConfig(Duration.ofSeconds(10)),
            new CleanupConfig(Duration.ofSeconds(30), Duration.ofMinutes(1)),
            m.lifecycle(),
            m.shutdownTimeout(),
            m.tls());
    return new StandaloneConfig("./data", IngestConfig.defaults(), maintain, QueryConfig.defaults(), false, TlsConfig.none());
  }

  /** Loads from the YAML file named by {@code FLOE_CONFIG} (if set) and the environment. */
  public static StandaloneConfig load(Map<String, String> env) {
    String file = env.get("FLOE_CONFIG");
    return new ConfigLoader()
        .load(StandaloneConfig.class, defaults(), file == null || file.isBlank() ? null : Path.of(file), env);
  }

  /** The ingest configuration with its storage pointed at the data folder. */
  public IngestConfig effectiveIngest() {
    IngestConfig i = ingest;
    return new IngestConfig(
        i.instanceId().isBlank() ? "standalone" : i.instanceId(),
        i.grpc(),
        i.http(),
        i.admin(),
        i.defaultTenant(),
        StorageConfig.local(dataDir),
        i.wal(),
        i.batch(),
        i.limits(),
        i.mapping(),
        i.shutdownTimeout(),
        authEnabled,
        tls,
        i.readiness());
  }

  /**
   * The maintain configuration on the data folder: WAL and lease there, the embedded catalog there,
   * the WAL layout of the ingest service, and no admin listener of its own (the ingest admin
   * listener serves the metrics of both).
   */
  public MaintainConfig effectiveMaintain() {
    MaintainConfig m = maintain;
    return new MaintainConfig(
        m.instanceId().isBlank() ? "standalone" : m.instanceId(),
        new MaintainConfig.Listener(m.admin().host(), -1),
        StorageConfig.local(dataDir),
        CatalogConfig.embedded(dataDir),
        ingest.wal(),
        m.compaction(),
        m.lease(),
        m.cleanup(),
        m.lifecycle(),
        m.shutdownTimeout(),
        tls);
  }

  /**
   * The query configuration on the data folder: the WAL and the embedded catalog there, the WAL
   * layout and default tenant of the ingest service, and no admin listener of its own.
   */
  public QueryConfig effectiveQuery() {
    QueryConfig q = query;
    return new QueryConfig(
        q.loki(),
        q.prometheus(),
        q.tempo(),
        new QueryConfig.Listener(q.admin().host(), -1),
        ingest.defaultTenant(),
        StorageConfig.local(dataDir),
        CatalogConfig.embedded(dataDir),
        ingest.wal(),
        q.lokiLimits(),
        q.prometheusLimits(),
        q.tempoLimits(),
        q.limits(),
        q.promoteResourceAttributes(),
        authEnabled,
        tls);
  }
}
