package dev.floe.ingest;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import dev.floe.admin.AdminServer;
import dev.floe.admin.ServiceMeters;
import dev.floe.ingest.otlp.OtlpIngestor;
import dev.floe.ingest.otlp.OtlpReceivers;
import dev.floe.ingest.otlp.TenantInterceptor;
import dev.floe.ingest.push.PushRoutes;
import dev.floe.ingest.pipeline.IngestPipeline;
import dev.floe.ingest.pipeline.MemoryBudget;
import dev.floe.server.Listeners;
import dev.floe.server.Readiness;
import dev.floe.server.ShutdownSignals;
import dev.floe.server.TenantAuth;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStores;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless ingest service: OTLP/gRPC and OTLP/HTTP receivers, plus Loki push and Prometheus
 * remote write on the OTLP/HTTP port, writing the WAL; and the admin listener. {@link #stop()} shuts
 * down gracefully: readiness goes false, new requests get a retryable 503 / UNAVAILABLE, open
 * batches flush, the requests in flight get their acks, then the listeners close.
 */
public final class IngestService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  // When stop() closes the OTLP listeners, every accepted request has its answer, so they wait only
  // briefly: Armeria's quiet period alone would never pass while clients keep sending.
  private static final java.time.Duration LISTENER_QUIET_PERIOD = java.time.Duration.ofMillis(200);
  private static final java.time.Duration LISTENER_STOP_TIMEOUT = java.time.Duration.ofSeconds(1);

  private final IngestConfig config;
  private final ObjectStore store;
  private final boolean ownsStore;
  private final Readiness readiness;
  private final StorageProbe storageProbe;
  private final IngestPipeline pipeline;
  private final OtlpIngestor ingestor;
  private final OtlpReceivers receivers;
  private final PushRoutes pushRoutes;
  private final Server grpcServer;
  private final Server httpServer;
  private final AdminServer admin;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private IngestService(
      IngestConfig config,
      ObjectStore store,
      boolean ownsStore,
      PrometheusMeterRegistry meters,
      Readiness readiness,
      boolean ownsReadiness) {
    config.tls().validate("tls");
    this.config = config;
    this.store = store;
    this.ownsStore = ownsStore;
    this.readiness = readiness;
    String instance = config.instanceId().isBlank() ? defaultInstanceId() : config.instanceId();
    MemoryBudget budget = new MemoryBudget(config.limits().maxBufferedBytes());
    Gauge.builder("floe.ingest.buffered.bytes", budget, MemoryBudget::used)
        .description("heap charged to requests until their WAL ack (8 times their payload)")
        .baseUnit("bytes")
        .register(meters);
    this.pipeline = new IngestPipeline(store, config.wal(), config.batch(), instance, meters);
    this.ingestor = new OtlpIngestor(pipeline, budget, meters);
    this.receivers = new OtlpReceivers(config, ingestor);
    this.pushRoutes = new PushRoutes(config, ingestor);

    GrpcServiceBuilder grpc =
        GrpcService.builder()
            .maxRequestMessageLength((int) Math.min(Integer.MAX_VALUE, config.limits().maxDecompressedBytes()))
            .useBlockingTaskExecutor(false);
    receivers.grpcServices().forEach(grpc::addService);
    if (config.authEnabled()) {
      grpc.intercept(new TenantInterceptor());
    }
    this.grpcServer =
        Listeners.builder(config.grpc().host(), config.grpc().port(), config.tls())
            .maxRequestLength(config.limits().maxDecompressedBytes())
            .requestTimeout(config.limits().requestTimeout())
            .service(grpc.build())
            .gracefulShutdownTimeout(LISTENER_QUIET_PERIOD, LISTENER_STOP_TIMEOUT)
            .build();
    ServerBuilder http =
        Listeners.builder(config.http().host(), config.http().port(), config.tls())
            .maxRequestLength(config.limits().maxRequestBytes())
            .requestTimeout(config.limits().requestTimeout())
            .errorHandler(receivers.httpErrorHandler())
            .gracefulShutdownTimeout(LISTENER_QUIET_PERIOD, LISTENER_STOP_TIMEOUT);
    receivers.httpServices().forEach((path, service) -> http.route().post(path).build(service));
    pushRoutes.addTo(http);
    if (config.authEnabled()) {
      http.decorator(TenantAuth.requireTenant(Set.of()));
    }
    this.httpServer = http.build();

    readiness.requireListening("OTLP/gRPC", grpcServer);
    readiness.requireListening("OTLP/HTTP", httpServer);
    this.storageProbe = new StorageProbe(store, instance, config.readiness().storageProbeInterval());
    readiness.require("storage", storageProbe::healthy);
    grpcServer.start().join();
    httpServer.start().join();
    this.admin = AdminServer.start(config.admin().host(), config.admin().port(), config.tls(), meters, readiness);
    if (ownsReadiness) {
      readiness.markStarted();
    }
    LOG.info(
        "Floe ingest {} started: OTLP/gRPC on {}, OTLP/HTTP, Loki push and remote write on {}, admin on {}{}{}",
        instance,
        grpcServer.activeLocalPort(),
        httpServer.activeLocalPort(),
        admin.port(),
        config.tls().enabled() ? ", TLS" + (config.tls().requiresClientCertificate() ? " with client certificates" : "") : "",
        config.authEnabled() ? ", X-Scope-OrgID required" : "");
  }

  /** Starts the service on the store its configuration names. */
  public static IngestService start(IngestConfig config) {
    PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
    return new IngestService(config, ObjectStores.open(config.storage()), true, meters, new Readiness(), true);
  }

  /** Starts the service on a store the caller owns (tests, benchmarks). */
  public static IngestService start(IngestConfig config, ObjectStore store, PrometheusMeterRegistry meters) {
    return new IngestService(config, store, false, meters, new Readiness(), true);
  }

  /**
   * Starts the service as one part of a process (standalone): its listeners and storage probe join
   * {@code readiness}, which the admin listener reports and the caller marks started once every
   * part is up.
   */
  public static IngestService start(
      IngestConfig config, ObjectStore store, PrometheusMeterRegistry meters, Readiness readiness) {
    return new IngestService(config, store, false, meters, readiness, false);
  }

  /**
   * The Loki push and Prometheus remote write routes of this service, already served on the OTLP/HTTP
   * port, to mount on another server too (standalone serves them on the Loki and Prometheus ports).
   */
  public PushRoutes pushRoutes() {
    return pushRoutes;
  }

  public int grpcPort() {
    return grpcServer.activeLocalPort();
  }

  public int httpPort() {
    return httpServer.activeLocalPort();
  }

  public int adminPort() {
    return admin.port();
  }

  public boolean isReady() {
    return readiness.notReadyReason().isEmpty();
  }

  /**
   * Graceful shutdown; safe to call more than once. {@code /ready} answers 503 from the first
   * moment, while the listeners still answer (new requests with a retryable 503), so that load
   * balancers stop sending before the ports close.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("Floe ingest stopping: refusing new requests, flushing open batches");
    readiness.drain();
    // New requests get a retryable 503 at once; in-flight ones complete as their batches flush.
    ingestor.stopAccepting();
    pipeline.close(config.shutdownTimeout());
    java.util.concurrent.CompletableFuture.allOf(httpServer.stop(), grpcServer.stop()).join();
    admin.close();
    storageProbe.close();
    if (ownsStore) {
      store.close();
    }
    LOG.info("Floe ingest stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "ingest";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Runs the service until SIGTERM or SIGINT. */
  public static void main(String[] args) {
    IngestService service = start(IngestConfig.load(System.getenv()));
    ShutdownSignals.onTermination(service::stop);
  }
}
