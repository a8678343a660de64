package dev.floe.otlp;

import static dev.floe.otlp.Otlp.NOW;
import static dev.floe.otlp.Otlp.SECOND;
import static dev.floe.otlp.Otlp.array;
import static dev.floe.otlp.Otlp.bytes;
import static dev.floe.otlp.Otlp.id;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Files;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.InternalReader;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows are in the representation Iceberg's internal Parquet writer takes, and read back equal. */
class ParquetRoundTripTest {
  private static final OtlpMapper MAPPER = new OtlpMapper(MappingConfig.defaults());
  private static final KeyValue[] MIXED = {
    kv("s", "text"), kv("i", integer(-1)), kv("b", bytes((byte) 1)), kv("a", array(integer(1)))
  };

  @TempDir Path dir;

  @Test
  void logsAndEvents() throws IOException {
    LogRecord.Builder record =
        LogRecord.newBuilder()
            .setTimeUnixNano(NOW - SECOND)
            .setBody(array(integer(1)))
            .addAllAttributes(List.of(MIXED))
            .setTraceId(id("0102030405060708090a0b0c0d0e0f10"))
            .setSpanId(id("0102030405060708"));
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(kv("service.name", "svc")))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(record)
                            .addLogRecords(record.clone().setEventName("e").clearTraceId())
                            .addLogRecords(LogRecord.newBuilder())))
            .build();

    MappedRows mapped = MAPPER.mapLogs("t", request, NOW);

    assertRoundTrip(Signal.LOGS, mapped.rowsFor(Signal.LOGS), 3);
    assertRoundTrip(Signal.EVENTS, mapped.rowsFor(Signal.EVENTS), 1);
  }

  @Test
  void spans() throws IOException {
    Span span =
        Span.newBuilder()
            .setTraceId(id("0102030405060708090a0b0c0d0e0f10"))
            .setSpanId(id("0102030405060708"))
            .setName("op")
            .setStartTimeUnixNano(NOW - SECOND)
            .setEndTimeUnixNano(NOW)
            .addAllAttributes(List.of(MIXED))
            .addEvents(Span.Event.newBuilder().setName("ev").addAllAttributes(List.of(MIXED)))
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(id("0102030405060708090a0b0c0d0e0f11"))
                    .setSpanId(id("0102030405060709")))
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(span)
                            .addSpans(span.toBuilder().clearEvents().clearLinks().setParentSpanId(id("1111111111111111")))))
            .build();

    assertRoundTrip(Signal.SPANS, MAPPER.mapSpans("t", request, NOW).rowsFor(Signal.SPANS), 2);
  }

  @Test
  void metricsOfEveryKind() throws IOException {
    long time = NOW - SECOND;
    Exemplar exemplar =
        Exemplar.newBuilder()
            .setTimeUnixNano(time)
            .setAsInt(3)
            .setTraceId(id("0102030405060708090a0b0c0d0e0f10"))
            .addAllFilteredAttributes(List.of(MIXED))
            .build();
    ScopeMetrics.Builder scope =
        ScopeMetrics.newBuilder()
            .addMetrics(
                Metric.newBuilder()
                    .setName("g")
                    .addMetadata(kv("k", integer(1)))
                    .setGauge(
                        Gauge.newBuilder()
                            .addDataPoints(
                                NumberDataPoint.newBuilder()
                                    .setTimeUnixNano(time)
                                    .setAsDouble(1)
                                    .addAllAttributes(List.of(MIXED))
                                    .addExemplars(exemplar))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("h")
                    .setHistogram(
                        Histogram.newBuilder()
                            .addDataPoints(
                                HistogramDataPoint.newBuilder()
                                    .setTimeUnixNano(time)
                                    .setStartTimeUnixNano(time - SECOND)
                                    .setCount(3)
                                    .setSum(1)
                                    .addBucketCounts(3)
                                    .addExemplars(exemplar))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("e")
                    .setExponentialHistogram(
                        ExponentialHistogram.newBuilder()
                            .addDataPoints(
                                ExponentialHistogramDataPoint.newBuilder()
                                    .setTimeUnixNano(time)
                                    .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().addBucketCounts(1)))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("s")
                    .setSummary(
                        Summary.newBuilder()
                            .addDataPoints(
                                SummaryDataPoint.newBuilder()
                                    .setTimeUnixNano(time)
                                    .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1)))));
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(scope))
            .build();

    assertRoundTrip(Signal.METRICS, MAPPER.mapMetrics("t", request, NOW).rowsFor(Signal.METRICS), 4);
  }

  private void assertRoundTrip(Signal signal, List<Record> rows, int expectedRows) throws IOException {
    assertThat(rows).hasSize(expectedRows);
    Schema schema = signal.table().schema();
    File file = dir.resolve(signal.id() + ".parquet").toFile();
    try (FileAppender<Record> appender =
        Parquet.write(Files.localOutput(file))
            .schema(schema)
            .createWriterFunc(InternalWriter::createWriter)
            .build()) {
      appender.addAll(rows);
    }
    List<Record> read = new ArrayList<>();
    try (CloseableIterable<Record> reader =
        Parquet.read(Files.localInput(file))
            .project(schema)
            .createReaderFunc(fileSchema -> InternalReader.create(schema, fileSchema))
            .build()) {
      reader.forEach(row -> read.add(((Record) row).copy()));
    }
    assertThat(read).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int column = 0; column < schema.columns().size(); column++) {
        assertThat(read.get(i).get(column, Object.class))
            .as(signal + " row " + i + " " + schema.columns().get(column).name())
            .isEqualTo(rows.get(i).get(column, Object.class));
      }
    }
  }
}
