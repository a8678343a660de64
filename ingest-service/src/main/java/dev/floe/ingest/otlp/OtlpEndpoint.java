package dev.floe.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.floe.otlp.MappedRows;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.function.Function;

/**
 * What differs between OTLP's three export services: the request message, how it is parsed, how
 * its records become rows, and how a response reports rejected records. HTTP and gRPC share these.
 */
final class OtlpEndpoint<R extends Message> {
  private final String name;
  private final String path;
  private final Parser<R> protobuf;
  private final Function<byte[], R> json;
  private final RowMapper<R> mapper;
  private final PartialSuccess response;

  private OtlpEndpoint(
      String name, String path, Parser<R> protobuf, Function<byte[], R> json, RowMapper<R> mapper, PartialSuccess response) {
    this.name = name;
    this.path = path;
    this.protobuf = protobuf;
    this.json = json;
    this.mapper = mapper;
    this.response = response;
  }

  static OtlpEndpoint<ExportLogsServiceRequest> logs(Mappers mappers) {
    return new OtlpEndpoint<>(
        "logs",
        "/v1/logs",
        ExportLogsServiceRequest.parser(),
        dev.floe.otlp.OtlpJson::parseLogs,
        mappers.logs(),
        (rejected, message) ->
            rejected == 0
                ? ExportLogsServiceResponse.getDefaultInstance()
                : ExportLogsServiceResponse.newBuilder()
                    .setPartialSuccess(
                        ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected).setErrorMessage(message))
                    .build());
  }

  static OtlpEndpoint<ExportTraceServiceRequest> traces(Mappers mappers) {
    return new OtlpEndpoint<>(
        "traces",
        "/v1/traces",
        ExportTraceServiceRequest.parser(),
        dev.floe.otlp.OtlpJson::parseTraces,
        mappers.spans(),
        (rejected, message) ->
            rejected == 0
                ? ExportTraceServiceResponse.getDefaultInstance()
                : ExportTraceServiceResponse.newBuilder()
                    .setPartialSuccess(
                        ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
                    .build());
  }

  static OtlpEndpoint<ExportMetricsServiceRequest> metrics(Mappers mappers) {
    return new OtlpEndpoint<>(
        "metrics",
        "/v1/metrics",
        ExportMetricsServiceRequest.parser(),
        dev.floe.otlp.OtlpJson::parseMetrics,
        mappers.metrics(),
        (rejected, message) ->
            rejected == 0
                ? ExportMetricsServiceResponse.getDefaultInstance()
                : ExportMetricsServiceResponse.newBuilder()
                    .setPartialSuccess(
                        ExportMetricsPartialSuccess.newBuilder()
                            .setRejectedDataPoints(rejected)
                            .setErrorMessage(message))
                    .build());
  }

  /** "logs", "traces" or "metrics", as in OTLP's paths and in metric tags. */
  String name() {
    return name;
  }

  /** The OTLP/HTTP path. */
  String path() {
    return path;
  }

  R parseProtobuf(byte[] body) {
    try {
      return protobuf.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new IngestException(
          IngestException.Kind.INVALID, "malformed protobuf " + name + " request: " + e.getMessage(), e);
    }
  }

  R parseJson(byte[] body) {
    try {
      return json.apply(body);
    } catch (RuntimeException e) {
      throw new IngestException(IngestException.Kind.INVALID, "malformed JSON " + name + " request: " + e.getMessage(), e);
    }
  }

  MappedRows map(String tenant, R request, long receiveTimeNanos) {
    return mapper.map(tenant, request, receiveTimeNanos);
  }

  Message response(long rejected, String message) {
    return response.build(rejected, message);
  }

  /** Maps one request's records to rows for one tenant. */
  @FunctionalInterface
  interface RowMapper<R> {
    MappedRows map(String tenant, R request, long receiveTimeNanos);
  }

  @FunctionalInterface
  private interface PartialSuccess {
    Message build(long rejected, String message);
  }

  /** The three mappers, configured once per service. */
  record Mappers(
      RowMapper<ExportLogsServiceRequest> logs,
      RowMapper<ExportTraceServiceRequest> spans,
      RowMapper<ExportMetricsServiceRequest> metrics) {}
}
