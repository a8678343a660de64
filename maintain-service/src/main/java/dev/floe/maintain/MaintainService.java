package dev.floe.maintain;

import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.config.StorageConfig;
import dev.floe.admin.AdminServer;
import dev.floe.maintain.lease.LeaderLease;
import dev.floe.maintain.lifecycle.LifecycleConfig;
import dev.floe.maintain.lifecycle.LifecycleTasks;
import dev.floe.maintain.lifecycle.OrphanFilesConfig;
import dev.floe.schema.Signal;
import dev.floe.server.Readiness;
import dev.floe.server.ShutdownSignals;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintain service: compacts the WAL into the Iceberg tables exactly once, deletes compacted WAL
 * segments, and runs the lake's lifecycle tasks. Every instance competes for one lease; only the
 * leader works, the others stand by. {@link #stop()} is graceful: the running task winds down, the
 * lease is released so that a follower takes over at once.
 */
public final class MaintainService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainService.class);

  private final MaintainConfig config;
  private final ObjectStore store;
  private final Catalog catalog;
  private final boolean ownsResources;
  private final Map<Signal, Table> tables;
  private final LeaderLoop loop;
  private final AdminServer admin;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Readiness readiness = new Readiness();

  private MaintainService(
      MaintainConfig config,
      ObjectStore store,
      Catalog catalog,
      boolean ownsResources,
      PrometheusMeterRegistry meters,
      List<MaintenanceTask.Factory> extraTasks) {
    config.tls().validate("tls");
    this.config = config;
    this.store = store;
    this.catalog = catalog;
    this.ownsResources = ownsResources;
    String instance = config.instanceId().isBlank() ? defaultInstanceId() : config.instanceId();
    this.tables = new FloeCatalog(catalog, config.catalog().namespace()).ensureTables();
    Clock clock = Clock.systemUTC();
    MaintenanceContext context = new MaintenanceContext(config, store, catalog, tables, meters, clock);
    List<MaintenanceTask> tasks = new ArrayList<>();
    tasks.add(new CompactionTask(context));
    tasks.add(new CleanupTask(context));
    for (LifecycleTasks.Scheduled lifecycle : LifecycleTasks.create(lifecycle(config), protectedLocations(config.storage()))) {
      tasks.add(new TableTaskRunner(lifecycle.task(), lifecycle.interval(), context));
    }
    extraTasks.forEach(factory -> tasks.add(factory.create(context)));
    this.loop = new LeaderLoop(new LeaderLease(store, instance, config.lease().duration(), clock), tasks, clock, meters);
    this.admin =
        config.admin().port() < 0
            ? null
            : AdminServer.start(config.admin().host(), config.admin().port(), config.tls(), meters, readiness);
    loop.start();
    readiness.markStarted();
    LOG.info(
        "Floe maintain {} started: {} tasks, lease {}, admin {}",
        instance,
        tasks.size(),
        config.lease().duration(),
        admin == null ? "off" : admin.port());
  }

  /** Starts the service on the store and catalog its configuration names. */
  public static MaintainService start(MaintainConfig config) {
    return start(config, List.of());
  }

  /**
   * Starts the service on the store and catalog its configuration names, with further tasks that run
   * after compaction and WAL cleanup, in the order given.
   */
  public static MaintainService start(MaintainConfig config, List<MaintenanceTask.Factory> extraTasks) {
    ObjectStore store = ObjectStores.open(config.storage());
    Catalog catalog;
    try {
      catalog = Catalogs.open(config.catalog());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      return new MaintainService(config, store, catalog, true, ServiceMeters.newRegistry(), List.copyOf(extraTasks));
    } catch (RuntimeException e) {
      closeQuietly(catalog);
      store.close();
      throw e;
    }
  }

  /** Starts the service on a store and catalog the caller owns (standalone, tests). */
  public static MaintainService start(
      MaintainConfig config, ObjectStore store, Catalog catalog, PrometheusMeterRegistry meters) {
    return start(config, store, catalog, meters, List.of());
  }

  /**
   * Starts the service with further tasks, which run after compaction and WAL cleanup, in the order
   * given.
   */
  public static MaintainService start(
      MaintainConfig config,
      ObjectStore store,
      Catalog catalog,
      PrometheusMeterRegistry meters,
      List<MaintenanceTask.Factory> extraTasks) {
    return new MaintainService(config, store, catalog, false, meters, List.copyOf(extraTasks));
  }

  /**
   * The lifecycle to run. Orphan-file removal runs only with the embedded catalog: a versioned
   * catalog such as Nessie keeps files of other commits and branches that the table's metadata does
   * not show, so to Iceberg they look orphaned; such catalogs have their own garbage collection.
   */
  static LifecycleConfig lifecycle(MaintainConfig config) {
    LifecycleConfig lifecycle = config.lifecycle();
    if (!lifecycle.orphanFiles().enabled() || config.catalog().type().equals("sqlite")) {
      return lifecycle;
    }
    LOG.warn(
        "orphan-file removal is off with catalog type {}: files of other catalog commits would look orphaned; "
            + "use the catalog's own garbage collection (for Nessie, nessie-gc)",
        config.catalog().type());
    OrphanFilesConfig orphans = lifecycle.orphanFiles();
    return new LifecycleConfig(
        lifecycle.retention(),
        lifecycle.snapshots(),
        new OrphanFilesConfig(false, orphans.interval(), orphans.minAge()),
        lifecycle.rewrite());
  }

  /**
   * The locations orphan-file removal must never list: the object store root, which holds the WAL
   * and the lease. A table location that contains one of them is refused.
   */
  static List<String> protectedLocations(StorageConfig storage) {
    String root =
        switch (storage.type()) {
          case "s3" -> "s3://" + storage.s3().bucket() + "/" + storage.s3().prefix();
          default -> Path.of(storage.path()).toAbsolutePath().normalize().toUri().toString();
        };
    String withSlash = root.endsWith("/") ? root : root + "/";
    return List.of(withSlash, withSlash + "wal/");
  }

  /** Whether this instance holds the lease and works. */
  public boolean isLeader() {
    return loop.isLeader();
  }

  /** The admin listener's port, or -1 when there is none. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** The Floe tables, as this service loaded them. */
  public Map<Signal, Table> tables() {
    return tables;
  }

  /** Graceful shutdown; safe to call more than once. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Floe maintain stopping");
    readiness.drain();
    loop.stop(config.shutdownTimeout());
    if (admin != null) {
      admin.close();
    }
    if (ownsResources) {
      closeQuietly(catalog);
      store.close();
    }
    LOG.info("Floe maintain stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.warn("cannot close the catalog: {}", e.toString());
      }
    }
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "maintain";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Runs the service until SIGTERM or SIGINT. */
  public static void main(String[] args) {
    MaintainService service = start(MaintainConfig.load(System.getenv()));
    ShutdownSignals.onTermination(service::stop);
  }
}
