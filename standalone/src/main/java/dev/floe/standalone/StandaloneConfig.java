package dev.floe.standalone;

import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.ingest.IngestConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Configuration of standalone Floe: a data folder and the settings of each embedded service. The
 * storage settings of the services are ignored: everything lives under {@code dataDir}.
 *
 * @param dataDir the folder holding the WAL and, later, the lake (env {@code FLOE_DATA_DIR})
 * @param ingest the embedded ingest service (env {@code FLOE_INGEST_...})
 */
public record StandaloneConfig(String dataDir, IngestConfig ingest) {

  public static StandaloneConfig defaults() {
    return new StandaloneConfig("./data", IngestConfig.defaults());
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
        i.shutdownTimeout());
  }
}
