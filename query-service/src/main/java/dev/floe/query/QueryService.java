package dev.floe.query;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.floe.admin.AdminServer;
import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.prometheus.TranslationConfig;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.QueryGate;
import dev.floe.query.api.QueryMeters;
import dev.floe.query.api.loki.LokiApi;
import dev.floe.query.api.prometheus.PrometheusApi;
import dev.floe.query.api.tempo.TempoApi;
import dev.floe.query.api.tempo.TempoErrors;
import dev.floe.query.api.tempo.TraceqlApi;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.traces.ScanTraceSource;
import dev.floe.traces.TraceSource;
import dev.floe.lang.QueryContext;
import dev.floe.server.Listeners;
import dev.floe.server.Readiness;
import dev.floe.server.ShutdownSignals;
import dev.floe.server.TenantAuth;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless query service: the Loki, Prometheus and Tempo APIs over the Iceberg tables and the
 * WAL tail above their watermarks, plus the admin listener.
 */
public final class QueryService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);
  /** WAL segments are immutable: keeping recent ones in memory saves reading them for every query. */
  private static final long SEGMENT_CACHE_BYTES = 256L << 20;

  /** Health paths of the API listeners, open without a tenant in auth mode. */
  private static final Set<String> PROBE_PATHS = Set.of("/ready", "/-/ready", "/-/healthy");

  private final ObjectStore store;
  private final Catalog catalog;
  private final boolean owned;
  private final Readiness readiness;
  private final Server loki;
  private final Server prometheus;
  private final Server tempo;
  private final AdminServer admin;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private QueryService(
      QueryConfig config,
      ObjectStore store,
      Catalog catalog,
      boolean owned,
      PrometheusMeterRegistry meters,
      Consumer<ServerBuilder> moreRoutes,
      Readiness readiness,
      boolean ownsReadiness) {
    config.tls().validate("tls");
    this.store = store;
    this.catalog = catalog;
    this.owned = owned;
    this.readiness = readiness;
    FloeCatalog tables = new FloeCatalog(catalog, config.catalog().namespace());
    tables.ensureTables();
    SignalScanner scanner = new SignalScanner(tables, store, SEGMENT_CACHE_BYTES, meters);
    QueryGate gate = new QueryGate(config.limits());
    QueryMeters queryMeters = new QueryMeters(meters, gate);
    Clock clock = Clock.systemUTC();
    ServerBuilder lokiServer = listener(config, config.loki());
    new LokiApi(scanner, config, clock, gate, queryMeters).addRoutes(lokiServer);
    moreRoutes.accept(lokiServer);
    this.loki = lokiServer.build();
    ServerBuilder prometheusServer = listener(config, config.prometheus());
    PrometheusTranslator translator =
        new PrometheusTranslator(
            new TranslationConfig(
                TranslationConfig.DEFAULTS.strategy(),
                config.promoteResourceAttributes(),
                TranslationConfig.DEFAULTS.keepIdentifyingResourceAttributes(),
                TranslationConfig.DEFAULTS.promoteScopeMetadata()));
    new PrometheusApi(scanner, translator, config, clock, gate, queryMeters).addRoutes(prometheusServer);
    moreRoutes.accept(prometheusServer);
    this.prometheus = prometheusServer.build();
    ServerBuilder tempoServer = listener(config, config.tempo());
    BlockingApi tempoEndpoints = new BlockingApi(
        "tempo", config.tempoLimits().queryTimeout(), config.defaultTenant(), gate, queryMeters, TempoErrors::of);
    Function<QueryContext, TraceSource> traces = context -> new ScanTraceSource(scanner, context);
    new TempoApi(traces, config.defaultTenant(), tempoEndpoints).addRoutes(tempoServer);
    new TraceqlApi(traces, clock, config.defaultTenant(), config.tempoLimits(), tempoEndpoints)
        .addRoutes(tempoServer);
    this.tempo = tempoServer.build();
    readiness.requireListening("Loki API", loki);
    readiness.requireListening("Prometheus API", prometheus);
    readiness.requireListening("Tempo API", tempo);
    loki.start().join();
    prometheus.start().join();
    tempo.start().join();
    this.admin =
        config.admin().port() < 0
            ? null
            : AdminServer.start(config.admin().host(), config.admin().port(), config.tls(), meters, readiness);
    if (ownsReadiness) {
      readiness.markStarted();
    }
    LOG.info(
        "Floe query started: Loki API on {}, Prometheus API on {}, Tempo API on {}, admin {}{}{}",
        loki.activeLocalPort(),
        prometheus.activeLocalPort(),
        tempo.activeLocalPort(),
        admin == null ? "off" : admin.port(),
        config.tls().enabled() ? ", TLS" : "",
        config.authEnabled() ? ", X-Scope-OrgID required" : "");
  }

  /** An API listener with the service's TLS and, in auth mode, the tenant header required. */
  private static ServerBuilder listener(QueryConfig config, QueryConfig.Listener listener) {
    ServerBuilder server =
        Listeners.builder(listener.host(), listener.port(), config.tls())
            .requestTimeout(Duration.ZERO)
            .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1));
    if (config.authEnabled()) {
      server.decorator(TenantAuth.requireTenant(PROBE_PATHS));
    }
    return server;
  }


  /** Starts the service on the store and catalog its configuration names. */
  public static QueryService start(QueryConfig config) {
    ObjectStore store = ObjectStores.open(config.storage());
    try {
      return new QueryService(
          config, store, Catalogs.open(config.catalog()), true, ServiceMeters.newRegistry(), server -> {},
          new Readiness(), true);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Starts the service on a store and catalog the caller owns (standalone, tests), with {@code
   * moreRoutes} added to the Loki and Prometheus listeners (standalone adds the Loki push and
   * remote-write routes).
   */
  public static QueryService start(
      QueryConfig config,
      ObjectStore store,
      Catalog catalog,
      PrometheusMeterRegistry meters,
      Consumer<ServerBuilder> moreRoutes) {
    return new QueryService(config, store, catalog, false, meters, moreRoutes, new Readiness(), true);
  }

  /**
   * Starts the service as one part of a process (standalone): its listeners join {@code
   * readiness}, which the caller marks started once every part is up.
   */
  public static QueryService start(
      QueryConfig config,
      ObjectStore store,
      Catalog catalog,
      PrometheusMeterRegistry meters,
      Consumer<ServerBuilder> moreRoutes,
      Readiness readiness) {
    return new QueryService(config, store, catalog, false, meters, moreRoutes, readiness, false);
  }

  public int lokiPort() {
    return loki.activeLocalPort();
  }

  public int prometheusPort() {
    return prometheus.activeLocalPort();
  }

  public int tempoPort() {
    return tempo.activeLocalPort();
  }

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** Stops the listeners; queries in flight get a second to finish. Safe to call more than once. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    readiness.drain();
    loki.stop().join();
    prometheus.stop().join();
    tempo.stop().join();
    if (admin != null) {
      admin.close();
    }
    if (owned) {
      if (catalog instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          LOG.warn("cannot close the catalog: {}", e.toString());
        }
      }
      store.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Runs the service until SIGTERM or SIGINT. */
  public static void main(String[] args) {
    QueryService service = start(QueryConfig.load(System.getenv()));
    ShutdownSignals.onTermination(service::stop);
  }
}
