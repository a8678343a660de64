package dev.floe.standalone;

import dev.floe.ingest.IngestService;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floe in one JVM on a local folder, with no external servers: what a newcomer runs first. Stops
 * gracefully on SIGTERM or Ctrl-C.
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

  private final ObjectStore store;
  private final IngestService ingest;

  private Standalone(StandaloneConfig config) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    this.store = new LocalObjectStore(dataDir);
    PrometheusMeterRegistry meters = IngestService.newRegistry();
    this.ingest = IngestService.start(config.effectiveIngest(), store, meters);
    LOG.info("Floe standalone running on {}", dataDir);
  }

  /** Starts every embedded service. */
  public static Standalone start(StandaloneConfig config) {
    return new Standalone(config);
  }

  public IngestService ingest() {
    return ingest;
  }

  @Override
  public void close() {
    ingest.stop();
    store.close();
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Standalone floe = start(StandaloneConfig.load(env));
    Runtime.getRuntime().addShutdownHook(new Thread(floe::close, "floe-shutdown"));
  }
}
