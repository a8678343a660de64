package dev.floe.query;

import com.linecorp.armeria.common.metric.MeterIdPrefixFunction;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import dev.floe.admin.AdminServer;
import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.prometheus.TranslationConfig;
import dev.floe.query.api.loki.LokiApi;
import dev.floe.query.api.prometheus.PrometheusApi;
import dev.floe.query.scan.SignalScanner;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStores;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless query service: the Loki API and the Prometheus API over the Iceberg tables and the
 * WAL tail above their watermarks, plus the admin listener.
 */
public final class QueryService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);
  /** WAL segments are immutable: keeping recent ones in memory saves reading them for every query. */
  private static final long SEGMENT_CACHE_BYTES = 256L << 20;

  private final ObjectStore store;
  private final Catalog catalog;
  private final boolean owned;
  private final Server loki;
  private final Server prometheus;
  private final AdminServer admin;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private QueryService(
      QueryConfig config,
      ObjectStore store,
      Catalog catalog,
      boolean owned,
      PrometheusMeterRegistry meters,
      Consumer<ServerBuilder> moreRoutes) {
    this.store = store;
    this.catalog = catalog;
    this.owned = owned;
    FloeCatalog tables = new FloeCatalog(catalog, config.catalog().namespace());
    tables.ensureTables();
    SignalScanner scanner = new SignalScanner(tables, store, SEGMENT_CACHE_BYTES);
    Clock clock = Clock.systemUTC();
    ServerBuilder lokiServer = measured(listener(config.loki()), meters, "loki");
    new LokiApi(scanner, config, clock).addRoutes(lokiServer);
    moreRoutes.accept(lokiServer);
    this.loki = lokiServer.build();
    ServerBuilder prometheusServer = measured(listener(config.prometheus()), meters, "prometheus");
    PrometheusTranslator translator =
        new PrometheusTranslator(
            new TranslationConfig(
                TranslationConfig.DEFAULTS.strategy(),
                config.promoteResourceAttributes(),
                TranslationConfig.DEFAULTS.keepIdentifyingResourceAttributes(),
                TranslationConfig.DEFAULTS.promoteScopeMetadata()));
    new PrometheusApi(scanner, translator, config, clock).addRoutes(prometheusServer);
    moreRoutes.accept(prometheusServer);
    this.prometheus = prometheusServer.build();
    loki.start().join();
    prometheus.start().join();
    this.admin =
        config.admin().port() < 0
            ? null
            : AdminServer.start(config.admin().host(), config.admin().port(), meters, () -> !stopped.get());
    LOG.info(
        "Floe query ready: Loki API on {}, Prometheus API on {}, admin {}",
        loki.activeLocalPort(),
        prometheus.activeLocalPort(),
        admin == null ? "off" : admin.port());
  }

  private static ServerBuilder listener(QueryConfig.Listener listener) {
    return Server.builder()
        .http(new InetSocketAddress(listener.host(), listener.port()))
        .requestTimeout(Duration.ZERO)
        .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1));
  }

  /**
   * Counts and times every request of one API into {@code meters}: {@code floe_query_requests_total}
   * and {@code floe_query_total_duration_seconds} (with quantiles), tagged {@code api}, for the
   * dashboards and alerts of docs/operations.md.
   */
  private static ServerBuilder measured(ServerBuilder server, PrometheusMeterRegistry meters, String api) {
    return server
        .meterRegistry(meters)
        .decorator(MetricCollectingService.newDecorator(MeterIdPrefixFunction.ofDefault("floe.query").withTags("api", api)));
  }

  /** Starts the service on the store and catalog its configuration names. */
  public static QueryService start(QueryConfig config) {
    ObjectStore store = ObjectStores.open(config.storage());
    try {
      return new QueryService(
          config, store, Catalogs.open(config.catalog()), true, ServiceMeters.newRegistry(), server -> {});
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Starts the service on a store and catalog the caller owns (standalone, tests), with {@code
   * moreRoutes} added to both API listeners (standalone adds the Loki push and remote-write routes).
   */
  public static QueryService start(
      QueryConfig config,
      ObjectStore store,
      Catalog catalog,
      PrometheusMeterRegistry meters,
      Consumer<ServerBuilder> moreRoutes) {
    return new QueryService(config, store, catalog, false, meters, moreRoutes);
  }

  public int lokiPort() {
    return loki.activeLocalPort();
  }

  public int prometheusPort() {
    return prometheus.activeLocalPort();
  }

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** Stops the listeners; queries in flight get a second to finish. Safe to call more than once. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    loki.stop().join();
    prometheus.stop().join();
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
    Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "floe-shutdown"));
  }
}
