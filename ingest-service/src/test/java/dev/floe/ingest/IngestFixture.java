package dev.floe.ingest;

import dev.floe.admin.ServiceMeters;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.server.TlsConfig;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ingest service in this JVM, listening on 127.0.0.1 with ephemeral ports, writing the WAL to a
 * store the test can read back. Settings that tests vary are set on the {@link Builder}; everything
 * else is {@link IngestConfig#defaults()}.
 */
final class IngestFixture implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final ObjectStore store;
  private final boolean ownsStore;
  private final PrometheusMeterRegistry meters;
  private final IngestService service;

  private IngestFixture(IngestConfig config, ObjectStore store, boolean ownsStore) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.meters = ServiceMeters.newRegistry();
    this.service = IngestService.start(config, store, meters);
  }

  /** A service on a local object store in {@code dir}, closed with the fixture. */
  static Builder local(Path dir) {
    return new Builder(new LocalObjectStore(dir), true);
  }

  /** A service on a store the caller owns and closes. */
  static Builder on(ObjectStore store) {
    return new Builder(store, false);
  }

  PrometheusMeterRegistry meters() {
    return meters;
  }

  WalContents wal() {
    return new WalContents(store);
  }

  /** An OTLP/HTTP URI, e.g. {@code http("/v1/logs")}. */
  URI http(String path) {
    return URI.create("http://127.0.0.1:" + service.httpPort() + path);
  }

  URI admin(String path) {
    return URI.create("http://127.0.0.1:" + service.adminPort() + path);
  }

  /** The service's Loki push and remote write routes, to mount on another server. */
  dev.floe.ingest.push.PushRoutes pushRoutes() {
    return service.pushRoutes();
  }

  int grpcPort() {
    return service.grpcPort();
  }

  IngestService service() {
    return service;
  }

  @Override
  public void close() {
    try {
      service.stop();
    } finally {
      if (ownsStore) {
        store.close();
      }
    }
  }

  /** The settings tests vary, starting from the defaults; two shards so that tests see more than one. */
  static final class Builder {
    private static final IngestConfig DEFAULTS = IngestConfig.defaults();

    private final ObjectStore store;
    private final boolean ownsStore;
    private String instanceId = "ingest-test-" + INSTANCES.incrementAndGet();
    private int shards = 2;
    private int maxWriteAttempts = DEFAULTS.wal().maxWriteAttempts();
    private long maxRequestBytes = DEFAULTS.limits().maxRequestBytes();
    private long maxDecompressedBytes = DEFAULTS.limits().maxDecompressedBytes();
    private long maxBufferedBytes = DEFAULTS.limits().maxBufferedBytes();
    private boolean authEnabled;
    private TlsConfig tls = TlsConfig.none();
    private Duration storageProbeInterval = DEFAULTS.readiness().storageProbeInterval();

    private Builder(ObjectStore store, boolean ownsStore) {
      this.store = store;
      this.ownsStore = ownsStore;
    }

    Builder instanceId(String id) {
      this.instanceId = id;
      return this;
    }

    Builder shards(int count) {
      this.shards = count;
      return this;
    }

    Builder maxWriteAttempts(int attempts) {
      this.maxWriteAttempts = attempts;
      return this;
    }

    Builder maxRequestBytes(long bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    Builder maxDecompressedBytes(long bytes) {
      this.maxDecompressedBytes = bytes;
      return this;
    }

    Builder maxBufferedBytes(long bytes) {
      this.maxBufferedBytes = bytes;
      return this;
    }

    Builder authEnabled(boolean enabled) {
      this.authEnabled = enabled;
      return this;
    }

    Builder tls(TlsConfig settings) {
      this.tls = settings;
      return this;
    }

    Builder storageProbeInterval(Duration interval) {
      this.storageProbeInterval = interval;
      return this;
    }

    private IngestConfig config() {
      IngestConfig.Listener loopback = new IngestConfig.Listener("127.0.0.1", 0);
      return new IngestConfig(
          instanceId,
          loopback,
          loopback,
          loopback,
          DEFAULTS.defaultTenant(),
          // Not used: the fixture hands the service its store.
          StorageConfig.local("unused"),
          new WalConfig(shards, DEFAULTS.wal().zstdLevel(), maxWriteAttempts),
          DEFAULTS.batch(),
          new IngestConfig.Limits(maxRequestBytes, maxDecompressedBytes, maxBufferedBytes, DEFAULTS.limits().requestTimeout()),
          DEFAULTS.mapping(),
          SHUTDOWN_TIMEOUT,
          authEnabled,
          tls,
          new IngestConfig.ReadinessChecks(storageProbeInterval));
    }

    IngestFixture start() {
      try {
        return new IngestFixture(config(), store, ownsStore);
      } catch (RuntimeException | Error e) {
        if (ownsStore) {
          store.close();
        }
        throw e;
      }
    }
  }
}
