package dev.floe.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Telemetry made by the OpenTelemetry Java SDK through its public API, exactly as an instrumented
 * application makes it, and captured as the SDK's export data so that a test can hand it to any
 * exporter. The constants are what the test expects to find in the WAL.
 */
final class SdkTelemetry {
  static final String SERVICE = "checkout";
  static final Resource RESOURCE =
      Resource.create(
          Attributes.of(
              AttributeKey.stringKey("service.name"), SERVICE,
              AttributeKey.stringKey("deployment.environment"), "test",
              AttributeKey.stringKey("host.name"), "host-1"));
  static final String SCOPE = "dev.floe.test";
  static final String SCOPE_VERSION = "1.2.3";

  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  static final String SPAN_ID = "eee19b7ec3c1b174";
  static final String LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String LINKED_SPAN_ID = "b7ad6b7169203331";

  // One log record with attributes of every kind, and one event.
  static final String LOG_BODY = "user u-42 logged in";
  static final long LOG_TIME_NANOS = OtlpRequests.nowNanos() - 1_000_000_000L + 123_456_789L;
  static final String EVENT_NAME = "session.start";
  static final String EVENT_BODY = "session opened";

  // A parent span and a child with an event, a link and an error status.
  static final String PARENT_SPAN = "GET /checkout";
  static final String CHILD_SPAN = "load cart";
  static final long SPAN_START_NANOS = OtlpRequests.nowNanos() - 2_000_000_000L + 111L;
  static final long SPAN_END_NANOS = SPAN_START_NANOS + 250_000_123L;

  private SdkTelemetry() {}

  /** Two log records: {@link #LOG_BODY} with attributes of all kinds and a span context, and an event. */
  static List<LogRecordData> logs() {
    LogCollector collector = new LogCollector();
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(collector))
            .build()) {
      Logger logger = provider.loggerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
      SpanContext spanContext =
          SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
      logger
          .logRecordBuilder()
          .setTimestamp(LOG_TIME_NANOS, TimeUnit.NANOSECONDS)
          .setSeverity(Severity.WARN)
          .setSeverityText("WARN")
          .setBody(LOG_BODY)
          .setContext(Context.root().with(Span.wrap(spanContext)))
          .setAttribute(AttributeKey.stringKey("user.id"), "u-42")
          .setAttribute(AttributeKey.longKey("attempt"), 3L)
          .setAttribute(AttributeKey.doubleKey("ratio"), 0.25)
          .setAttribute(AttributeKey.booleanKey("admin"), true)
          .setAttribute(AttributeKey.stringArrayKey("roles"), List.of("reader", "writer"))
          .emit();
      logger
          .logRecordBuilder()
          .setTimestamp(LOG_TIME_NANOS + 1000, TimeUnit.NANOSECONDS)
          .setSeverity(Severity.INFO)
          .setEventName(EVENT_NAME)
          .setBody(EVENT_BODY)
          .emit();
    }
    return collector.logs;
  }

  /** A SERVER span {@link #PARENT_SPAN} and its INTERNAL child {@link #CHILD_SPAN}. */
  static List<SpanData> spans() {
    SpanCollector collector = new SpanCollector();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().setResource(RESOURCE).addSpanProcessor(SimpleSpanProcessor.create(collector)).build()) {
      Tracer tracer = provider.tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
      Span parent =
          tracer
              .spanBuilder(PARENT_SPAN)
              .setSpanKind(SpanKind.SERVER)
              .setStartTimestamp(SPAN_START_NANOS, TimeUnit.NANOSECONDS)
              .setAttribute("http.route", "/checkout")
              .startSpan();
      SpanContext linked =
          SpanContext.create(LINKED_TRACE_ID, LINKED_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
      Span child =
          tracer
              .spanBuilder(CHILD_SPAN)
              .setParent(Context.root().with(parent))
              .setSpanKind(SpanKind.INTERNAL)
              .setStartTimestamp(SPAN_START_NANOS + 1000, TimeUnit.NANOSECONDS)
              .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry-of"))
              .setAttribute("cart.items", 3L)
              .setAttribute("cache.hit", false)
              .startSpan();
      child.addEvent(
          "cache miss",
          Attributes.of(AttributeKey.stringKey("cache.key"), "cart:42", AttributeKey.longKey("cache.size"), 17L),
          SPAN_START_NANOS + 5000,
          TimeUnit.NANOSECONDS);
      child.setStatus(StatusCode.ERROR, "cart service unavailable");
      child.end(SPAN_END_NANOS - 1000, TimeUnit.NANOSECONDS);
      parent.setStatus(StatusCode.OK);
      parent.end(SPAN_END_NANOS, TimeUnit.NANOSECONDS);
    }
    return collector.spans;
  }

  /**
   * One metric of each kind an application records: a counter, an up-down counter, a gauge, an
   * explicit-bucket histogram and an exponential histogram.
   */
  static List<MetricData> metrics() {
    CollectingReader reader = new CollectingReader();
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(RESOURCE)
            .registerMetricReader(reader)
            .registerView(
                InstrumentSelector.builder().setName("payload.size").build(),
                View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
            .build()) {
      Meter meter = provider.meterBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build();
      Attributes eu = Attributes.of(AttributeKey.stringKey("region"), "eu");
      var orders = meter.counterBuilder("orders.placed").setUnit("{order}").setDescription("orders placed").build();
      orders.add(3, eu);
      orders.add(4, eu);
      var queue = meter.upDownCounterBuilder("queue.depth").build();
      queue.add(5);
      queue.add(-2);
      meter.gaugeBuilder("cpu.temperature").setUnit("Cel").build().set(61.5, Attributes.of(AttributeKey.longKey("core"), 2L));
      var duration =
          meter.histogramBuilder("request.duration").setUnit("s").setExplicitBucketBoundariesAdvice(List.of(0.1, 0.5, 1.0)).build();
      for (double seconds : new double[] {0.05, 0.3, 0.7, 2.0}) {
        duration.record(seconds);
      }
      var payload = meter.histogramBuilder("payload.size").setUnit("By").build();
      for (double bytes : new double[] {1.0, 2.0, 4.0}) {
        payload.record(bytes);
      }
      return new ArrayList<>(reader.collect());
    }
  }

  /** Keeps the log records the SDK exports; the SDK's own in-memory exporters live in a testing artifact. */
  private static final class LogCollector implements LogRecordExporter {
    final List<LogRecordData> logs = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<LogRecordData> records) {
      logs.addAll(records);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Keeps the spans the SDK exports. */
  private static final class SpanCollector implements SpanExporter {
    final List<SpanData> spans = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> exported) {
      spans.addAll(exported);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** A pull reader: collects every metric when asked, with cumulative temporality. */
  private static final class CollectingReader implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
