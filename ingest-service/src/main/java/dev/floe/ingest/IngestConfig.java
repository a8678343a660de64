package dev.floe.ingest;

import dev.floe.config.ConfigLoader;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.ingest.pipeline.BatchConfig;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.MappingLimits;
import dev.floe.server.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The ingest service's configuration; {@code docs/configuration.md} documents every key.
 *
 * @param instanceId this replica's name in WAL segment footers and logs; empty means host name + random
 * @param grpc OTLP/gRPC listener
 * @param http OTLP/HTTP listener
 * @param admin health and metrics listener
 * @param defaultTenant tenant of requests without {@code X-Scope-OrgID}
 * @param storage where the WAL lives
 * @param wal WAL layout and write settings
 * @param batch when batches become segments
 * @param limits request and memory limits
 * @param mapping how OTLP records become rows, and which records are refused
 * @param shutdownTimeout how long a stopping service waits for in-flight requests and flushes
 * @param authEnabled refuse requests without {@code X-Scope-OrgID} (401 / UNAUTHENTICATED) instead
 *     of writing them to {@code defaultTenant}, as Loki's {@code auth_enabled}
 * @param tls TLS of every listener (gRPC, HTTP, admin)
 * @param readiness what {@code /ready} checks besides the listeners
 */
public record IngestConfig(
    String instanceId,
    Listener grpc,
    Listener http,
    Listener admin,
    String defaultTenant,
    StorageConfig storage,
    WalConfig wal,
    BatchConfig batch,
    Limits limits,
    Mapping mapping,
    Duration shutdownTimeout,
    boolean authEnabled,
    TlsConfig tls,
    ReadinessChecks readiness) {

  /** A TCP listener. */
  public record Listener(String host, int port) {}

  /**
   * @param storageProbeInterval how often a probe object is written to the storage; the service is
   *     not ready until one write succeeded, and stops being ready when none succeeded for three
   *     intervals
   */
  public record ReadinessChecks(Duration storageProbeInterval) {}

  /**
   * @param maxRequestBytes largest request body as sent (compressed or not)
   * @param maxDecompressedBytes largest body after gzip decompression
   * @param maxBufferedBytes heap that requests may hold between arrival and WAL ack, estimated as 8
   *     times their OTLP payload; 0 means a quarter of the JVM's maximum heap; beyond it
   *     requests get 429 / RESOURCE_EXHAUSTED
   * @param requestTimeout longest a request may wait for its ack; longer than any flush, so that a
   *     request is not failed after its rows were queued (its retry would write them twice)
   */
  public record Limits(
      long maxRequestBytes, long maxDecompressedBytes, long maxBufferedBytes, Duration requestTimeout) {}

  /**
   * @param streamLabelAttributes resource attributes that become Loki stream labels
   * @param maxPast oldest record timestamp accepted, relative to arrival
   * @param maxFuture newest record timestamp accepted, relative to arrival
   * @param maxAttributes most attributes on one record (record, resource and scope together)
   * @param maxValueBytes longest string body or attribute value
   * @param maxKeyBytes longest attribute key, and label name of pushed logs and metrics
   */
  public record Mapping(
      List<String> streamLabelAttributes,
      Duration maxPast,
      Duration maxFuture,
      int maxAttributes,
      int maxValueBytes,
      int maxKeyBytes) {

    static Mapping defaults() {
      MappingConfig defaults = MappingConfig.defaults();
      MappingLimits limits = defaults.limits();
      return new Mapping(
          defaults.streamLabelAttributes(),
          limits.maxPast(),
          limits.maxFuture(),
          limits.maxAttributes(),
          limits.maxValueBytes(),
          limits.maxKeyBytes());
    }

    /** The OTLP mapper's configuration. */
    public MappingConfig toMappingConfig() {
      return new MappingConfig(
          new MappingLimits(maxPast, maxFuture, maxAttributes, maxValueBytes, maxKeyBytes), streamLabelAttributes);
    }
  }

  /** Defaults that work out of the box: listeners on every interface, WAL under ./data. */
  public static IngestConfig defaults() {
    return new IngestConfig(
        "",
        new Listener("0.0.0.0", 4317),
        new Listener("0.0.0.0", 4318),
        new Listener("0.0.0.0", 8081),
        "default",
        StorageConfig.local("./data"),
        WalConfig.defaults(),
        BatchConfig.defaults(),
        new Limits(16L << 20, 64L << 20, 0, Duration.ofSeconds(60)),
        Mapping.defaults(),
        Duration.ofSeconds(30),
        false,
        TlsConfig.none(),
        new ReadinessChecks(Duration.ofSeconds(10)));
  }

  /** Loads from the YAML file named by {@code FLOE_CONFIG} (if set) and the environment. */
  public static IngestConfig load(Map<String, String> env) {
    String file = env.get("FLOE_CONFIG");
    return new ConfigLoader()
        .load(IngestConfig.class, defaults(), file == null || file.isBlank() ? null : Path.of(file), env);
  }
}
