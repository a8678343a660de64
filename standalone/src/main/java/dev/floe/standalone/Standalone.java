package dev.floe.standalone;

import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.Catalogs;
import dev.floe.ingest.IngestService;
import dev.floe.maintain.MaintainConfig;
import dev.floe.maintain.MaintainService;
import dev.floe.query.QueryService;
import dev.floe.server.Readiness;
import dev.floe.server.ShutdownSignals;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floe in one JVM on a local folder, with no external servers: what a newcomer runs first. Ingest
 * writes the WAL, maintenance compacts it into Iceberg tables of an embedded catalog in the same
 * folder. Stops gracefully on SIGTERM or Ctrl-C.
 */
public final class Standalone implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

  private final ObjectStore store;
  private final Catalog catalog;
  private final IngestService ingest;
  private final MaintainService maintain;
  private final QueryService query;
  private final Readiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Standalone(StandaloneConfig config) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    this.store = new LocalObjectStore(dataDir);
    PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
    // One /ready for the process (on the ingest admin port): ready once every service's listeners are open.
    this.readiness = new Readiness();
    this.ingest = IngestService.start(config.effectiveIngest(), store, meters, readiness);
    MaintainConfig maintainConfig = config.effectiveMaintain();
    this.catalog = Catalogs.open(maintainConfig.catalog());
    this.maintain = MaintainService.start(maintainConfig, store, catalog, meters);
    // Promtail, Alloy and Prometheus push to the Loki and Prometheus ports, as they would to Loki and Prometheus.
    this.query =
        QueryService.start(config.effectiveQuery(), store, catalog, meters, ingest.pushRoutes()::addTo, readiness);
    readiness.markStarted();
    LOG.info("Floe standalone ready on {}; tables in {}", dataDir, maintainConfig.catalog().warehouse());
  }

  /** Starts every embedded service. */
  public static Standalone start(StandaloneConfig config) {
    return new Standalone(config);
  }

  public IngestService ingest() {
    return ingest;
  }

  public MaintainService maintain() {
    return maintain;
  }

  public QueryService query() {
    return query;
  }

  /** The embedded catalog holding the tables. */
  public Catalog catalog() {
    return catalog;
  }

  /** What the process's {@code /ready} reports. */
  public Readiness readiness() {
    return readiness;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    readiness.drain();
    // Ingest first: its last batches reach the WAL before maintenance stops.
    ingest.stop();
    query.stop();
    maintain.stop();
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.warn("cannot close the catalog: {}", e.toString());
      }
    }
    store.close();
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Standalone floe = start(StandaloneConfig.load(env));
    ShutdownSignals.onTermination(floe::close);
  }
}
