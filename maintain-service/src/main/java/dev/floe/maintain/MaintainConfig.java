package dev.floe.maintain;

import dev.floe.server.TlsConfig;
import dev.floe.catalog.CatalogConfig;
import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.maintain.cleanup.CleanupConfig;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.lease.LeaseConfig;
import dev.floe.maintain.lifecycle.LifecycleConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The maintain service's configuration; {@code docs/configuration.md} documents every key.
 *
 * @param instanceId this instance's name in the lease and logs; empty means host name + random.
 *     Must differ between instances that run at the same time
 * @param admin health and metrics listener; port -1 runs none (standalone serves one for all)
 * @param storage where the WAL and the lease live
 * @param catalog the Iceberg catalog holding the tables
 * @param wal the WAL layout; {@code wal.shards} gives every shard a backlog gauge from the start
 * @param compaction how WAL segments become Iceberg commits
 * @param lease leader election among instances
 * @param cleanup when compacted WAL segments are deleted
 * @param lifecycle retention, snapshot expiry, orphan files and small-file rewrite
 * @param shutdownTimeout how long a stopping service waits for the running task
 * @param tls TLS of the admin listener
 */
public record MaintainConfig(
    String instanceId,
    Listener admin,
    StorageConfig storage,
    CatalogConfig catalog,
    WalConfig wal,
    CompactionConfig compaction,
    LeaseConfig lease,
    CleanupConfig cleanup,
    LifecycleConfig lifecycle,
    Duration shutdownTimeout,
    TlsConfig tls) {

  /** A TCP listener. */
  public record Listener(String host, int port) {}

  /** Defaults that work out of the box: WAL and embedded catalog under ./data, admin on 8082. */
  public static MaintainConfig defaults() {
    return new MaintainConfig(
        "",
        new Listener("0.0.0.0", 8082),
        StorageConfig.local("./data"),
        CatalogConfig.embedded("./data"),
        WalConfig.defaults(),
        CompactionConfig.defaults(),
        LeaseConfig.defaults(),
        CleanupConfig.defaults(),
        LifecycleConfig.defaults(),
        Duration.ofSeconds(30),
        TlsConfig.none());
  }

  /** Loads from the YAML file named by {@code FLOE_CONFIG} (if set) and the environment. */
  public static MaintainConfig load(Map<String, String> env) {
    String file = env.get("FLOE_CONFIG");
    return new ConfigLoader()
        .load(MaintainConfig.class, defaults(), file == null || file.isBlank() ? null : Path.of(file), env);
  }
}
