package dev.floe.ingest.push;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.otlp.OtlpIngestor;
import dev.floe.otlp.MappingLimits;
import dev.floe.push.LokiPushMapper;
import dev.floe.push.RemoteWriteMapper;
import java.time.Duration;

/**
 * The Loki push ({@value #LOKI_PUSH_PATH}) and Prometheus remote write ({@value #REMOTE_WRITE_PATH})
 * receivers of one ingest service. They write through the service's WAL pipeline, memory budget and
 * tenancy, so they can be mounted on any Armeria server in the same JVM: the ingest service serves
 * them on its OTLP/HTTP port, standalone also on its Loki and Prometheus ports.
 */
public final class PushRoutes {
  public static final String LOKI_PUSH_PATH = "/loki/api/v1/push";
  public static final String REMOTE_WRITE_PATH = "/api/v1/write";

  private final HttpService lokiPush;
  private final HttpService remoteWrite;
  private final long maxRequestBytes;
  private final Duration requestTimeout;

  public PushRoutes(IngestConfig config, OtlpIngestor ingestor) {
    MappingLimits limits = config.mapping().toMappingConfig().limits();
    long maxDecompressedBytes = config.limits().maxDecompressedBytes();
    this.lokiPush =
        new PushHttpService(new LokiPush(new LokiPushMapper(limits)), ingestor, config.defaultTenant(), maxDecompressedBytes);
    this.remoteWrite =
        new PushHttpService(new RemoteWrite(new RemoteWriteMapper(limits)), ingestor, config.defaultTenant(), maxDecompressedBytes);
    this.maxRequestBytes = config.limits().maxRequestBytes();
    this.requestTimeout = config.limits().requestTimeout();
  }

  /**
   * Adds {@code POST} {@value #LOKI_PUSH_PATH} and {@value #REMOTE_WRITE_PATH} to {@code server},
   * with the ingest service's request size limit and timeout on these routes whatever the server's
   * own defaults are.
   *
   * @return {@code server}, for chaining
   */
  public ServerBuilder addTo(ServerBuilder server) {
    server.route().post(LOKI_PUSH_PATH).maxRequestLength(maxRequestBytes).requestTimeout(requestTimeout).build(lokiPush);
    server.route().post(REMOTE_WRITE_PATH).maxRequestLength(maxRequestBytes).requestTimeout(requestTimeout).build(remoteWrite);
    return server;
  }

  /** The Loki push handler alone, for a server that routes by itself. */
  public HttpService lokiPush() {
    return lokiPush;
  }

  /** The remote write handler alone. */
  public HttpService remoteWrite() {
    return remoteWrite;
  }
}
