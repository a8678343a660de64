package dev.floe.ingest.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.floe.tenant.InvalidTenantException;
import dev.floe.tenant.TenantIds;
import io.grpc.BindableService;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * OTLP/gRPC: the logs, trace and metrics export services. Tenancy comes from the {@code
 * x-scope-orgid} metadata; refusals use OTLP's codes, with {@code RetryInfo} on the retryable ones.
 */
final class OtlpGrpcServices {
  private static final String TRANSPORT = "grpc";
  private static final com.google.protobuf.Duration RETRY_DELAY =
      com.google.protobuf.Duration.newBuilder().setSeconds(1).build();

  private final OtlpIngestor ingestor;
  private final String defaultTenant;

  OtlpGrpcServices(OtlpIngestor ingestor, String defaultTenant) {
    this.ingestor = ingestor;
    this.defaultTenant = defaultTenant;
  }

  List<BindableService> services(
      OtlpEndpoint<ExportLogsServiceRequest> logs,
      OtlpEndpoint<ExportTraceServiceRequest> traces,
      OtlpEndpoint<ExportMetricsServiceRequest> metrics) {
    return List.of(
        new LogsServiceGrpc.LogsServiceImplBase() {
          @Override
          public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> observer) {
            OtlpGrpcServices.this.export(logs, request, observer);
          }
        },
        new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
            OtlpGrpcServices.this.export(traces, request, observer);
          }
        },
        new MetricsServiceGrpc.MetricsServiceImplBase() {
          @Override
          public void export(
              ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> observer) {
            OtlpGrpcServices.this.export(metrics, request, observer);
          }
        });
  }

  private <R extends Message, S extends Message> void export(
      OtlpEndpoint<R> endpoint, R request, StreamObserver<S> observer) {
    try {
      String tenant = tenant(endpoint);
      ingestor
          .ingest(endpoint, TRANSPORT, tenant, request, request.getSerializedSize())
          .whenComplete(
              (response, error) -> {
                if (error == null) {
                  @SuppressWarnings("unchecked")
                  S typed = (S) response;
                  observer.onNext(typed);
                  observer.onCompleted();
                } else {
                  observer.onError(toStatus(error));
                }
              });
    } catch (RuntimeException e) {
      observer.onError(toStatus(e));
    }
  }

  private String tenant(OtlpEndpoint<?> endpoint) {
    String header = ServiceRequestContext.current().request().headers().get(TenantIds.HEADER.toLowerCase(Locale.ROOT));
    try {
      return TenantIds.forWrite(header, defaultTenant);
    } catch (InvalidTenantException e) {
      throw ingestor.refused(endpoint.name(), TRANSPORT, 0, new IngestException(IngestException.Kind.INVALID, e.getMessage()));
    }
  }

  private static RuntimeException toStatus(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    IngestException refusal =
        cause instanceof IngestException ingest
            ? ingest
            : IngestException.internal(cause);
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(refusal.kind().grpcCode().value())
            .setMessage(refusal.getMessage());
    if (refusal.kind().retryable()) {
      status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(RETRY_DELAY).build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
