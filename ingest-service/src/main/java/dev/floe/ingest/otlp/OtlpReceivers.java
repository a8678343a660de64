package dev.floe.ingest.otlp;

import dev.floe.ingest.IngestConfig;
import dev.floe.otlp.OtlpMapper;
import io.grpc.BindableService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerErrorHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OTLP receivers of one ingest service: the gRPC services and the HTTP handlers by path. */
public final class OtlpReceivers {
  private final OtlpIngestor ingestor;
  private final OtlpEndpoint<ExportLogsServiceRequest> logs;
  private final OtlpEndpoint<ExportTraceServiceRequest> traces;
  private final OtlpEndpoint<ExportMetricsServiceRequest> metrics;
  private final IngestConfig config;

  public OtlpReceivers(IngestConfig config, OtlpIngestor ingestor) {
    this.config = config;
    this.ingestor = ingestor;
    OtlpMapper mapper = new OtlpMapper(config.mapping().toMappingConfig());
    OtlpEndpoint.Mappers mappers = new OtlpEndpoint.Mappers(mapper::mapLogs, mapper::mapSpans, mapper::mapMetrics);
    this.logs = OtlpEndpoint.logs(mappers);
    this.traces = OtlpEndpoint.traces(mappers);
    this.metrics = OtlpEndpoint.metrics(mappers);
  }

  /** The OTLP/gRPC export services. */
  public List<BindableService> grpcServices() {
    return new OtlpGrpcServices(ingestor, config.defaultTenant()).services(logs, traces, metrics);
  }

  /** The OTLP/HTTP handlers, keyed by path ({@code /v1/logs}, {@code /v1/traces}, {@code /v1/metrics}). */
  public Map<String, HttpService> httpServices() {
    Map<String, HttpService> services = new LinkedHashMap<>();
    for (OtlpEndpoint<?> endpoint : List.of(logs, traces, metrics)) {
      services.put(
          endpoint.path(),
          new OtlpHttpService(endpoint, ingestor, config.defaultTenant(), config.limits().maxDecompressedBytes()));
    }
    return services;
  }

  /** Renders the errors Armeria raises before an OTLP handler runs (oversized bodies) the OTLP way. */
  public ServerErrorHandler httpErrorHandler() {
    return new OtlpErrorHandler();
  }

}
