package dev.floe.otlp;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.BUCKET_COUNTS;
import static dev.floe.schema.Columns.COUNT;
import static dev.floe.schema.Columns.DESCRIPTION;
import static dev.floe.schema.Columns.EXEMPLARS;
import static dev.floe.schema.Columns.EXPLICIT_BOUNDS;
import static dev.floe.schema.Columns.FILTERED_ATTRIBUTES;
import static dev.floe.schema.Columns.FLAGS;
import static dev.floe.schema.Columns.IS_MONOTONIC;
import static dev.floe.schema.Columns.MAX;
import static dev.floe.schema.Columns.METADATA;
import static dev.floe.schema.Columns.METRIC_NAME;
import static dev.floe.schema.Columns.METRIC_TYPE;
import static dev.floe.schema.Columns.MIN;
import static dev.floe.schema.Columns.NEGATIVE_BUCKET_COUNTS;
import static dev.floe.schema.Columns.NEGATIVE_OFFSET;
import static dev.floe.schema.Columns.POSITIVE_BUCKET_COUNTS;
import static dev.floe.schema.Columns.POSITIVE_OFFSET;
import static dev.floe.schema.Columns.QUANTILE;
import static dev.floe.schema.Columns.QUANTILES;
import static dev.floe.schema.Columns.SCALE;
import static dev.floe.schema.Columns.SERIES_FINGERPRINT;
import static dev.floe.schema.Columns.SERIES_LABELS;
import static dev.floe.schema.Columns.SPAN_ID;
import static dev.floe.schema.Columns.START_TIMESTAMP;
import static dev.floe.schema.Columns.START_TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.SUM;
import static dev.floe.schema.Columns.TEMPORALITY;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.TIME_UNIX_NANO;
import static dev.floe.schema.Columns.TRACE_ID;
import static dev.floe.schema.Columns.UNIT;
import static dev.floe.schema.Columns.VALUE;
import static dev.floe.schema.Columns.VALUE_DOUBLE;
import static dev.floe.schema.Columns.VALUE_INT;
import static dev.floe.schema.Columns.VALUE_TYPES;
import static dev.floe.schema.Columns.ZERO_COUNT;
import static dev.floe.schema.Columns.ZERO_THRESHOLD;

import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Maps OTLP metric data points, of all five kinds, to rows of the metrics table, one row per data
 * point with its series identity (see {@link SeriesLabels}).
 */
final class MetricsMapper {
  private static final String TYPE_GAUGE = "gauge";
  private static final String TYPE_SUM = "sum";
  private static final String TYPE_HISTOGRAM = "histogram";
  private static final String TYPE_EXPONENTIAL_HISTOGRAM = "exponential_histogram";
  private static final String TYPE_SUMMARY = "summary";

  private static final String ATTRIBUTES_PREFIX = "attributes.";
  private static final String METADATA_PREFIX = "metadata.";
  private static final String EXEMPLARS_PREFIX = "exemplars.";

  private static final Schema SCHEMA = FloeTables.METRICS.schema();
  private static final RowTemplate POINT = RowTemplate.of(SCHEMA);
  private static final ResourceScope.Columns COMMON = new ResourceScope.Columns(POINT);
  private static final int TIMESTAMP_POS = POINT.position(TIMESTAMP);
  private static final int TIMESTAMP_NANOS_POS = POINT.position(TIMESTAMP_NANOS);
  private static final int START_POS = POINT.position(START_TIMESTAMP);
  private static final int START_NANOS_POS = POINT.position(START_TIMESTAMP_NANOS);
  private static final int METRIC_NAME_POS = POINT.position(METRIC_NAME);
  private static final int METRIC_TYPE_POS = POINT.position(METRIC_TYPE);
  private static final int DESCRIPTION_POS = POINT.position(DESCRIPTION);
  private static final int UNIT_POS = POINT.position(UNIT);
  private static final int METADATA_POS = POINT.position(METADATA);
  private static final int TEMPORALITY_POS = POINT.position(TEMPORALITY);
  private static final int IS_MONOTONIC_POS = POINT.position(IS_MONOTONIC);
  private static final int SERIES_LABELS_POS = POINT.position(SERIES_LABELS);
  private static final int SERIES_FINGERPRINT_POS = POINT.position(SERIES_FINGERPRINT);
  private static final int FLAGS_POS = POINT.position(FLAGS);
  private static final int VALUE_DOUBLE_POS = POINT.position(VALUE_DOUBLE);
  private static final int VALUE_INT_POS = POINT.position(VALUE_INT);
  private static final int COUNT_POS = POINT.position(COUNT);
  private static final int SUM_POS = POINT.position(SUM);
  private static final int MIN_POS = POINT.position(MIN);
  private static final int MAX_POS = POINT.position(MAX);
  private static final int EXPLICIT_BOUNDS_POS = POINT.position(EXPLICIT_BOUNDS);
  private static final int BUCKET_COUNTS_POS = POINT.position(BUCKET_COUNTS);
  private static final int SCALE_POS = POINT.position(SCALE);
  private static final int ZERO_COUNT_POS = POINT.position(ZERO_COUNT);
  private static final int ZERO_THRESHOLD_POS = POINT.position(ZERO_THRESHOLD);
  private static final int POSITIVE_OFFSET_POS = POINT.position(POSITIVE_OFFSET);
  private static final int POSITIVE_BUCKETS_POS = POINT.position(POSITIVE_BUCKET_COUNTS);
  private static final int NEGATIVE_OFFSET_POS = POINT.position(NEGATIVE_OFFSET);
  private static final int NEGATIVE_BUCKETS_POS = POINT.position(NEGATIVE_BUCKET_COUNTS);
  private static final int QUANTILES_POS = POINT.position(QUANTILES);
  private static final int EXEMPLARS_POS = POINT.position(EXEMPLARS);
  private static final int ATTRIBUTES_POS = POINT.position(ATTRIBUTES);
  private static final int VALUE_TYPES_POS = POINT.position(VALUE_TYPES);

  private static final RowTemplate QUANTILE_ROW = RowTemplate.ofListElements(SCHEMA, QUANTILES);
  private static final int QUANTILE_POS = QUANTILE_ROW.position(QUANTILE);
  private static final int QUANTILE_VALUE_POS = QUANTILE_ROW.position(VALUE);

  private static final RowTemplate EXEMPLAR = RowTemplate.ofListElements(SCHEMA, EXEMPLARS);
  private static final int EXEMPLAR_TIME_POS = EXEMPLAR.position(TIME_UNIX_NANO);
  private static final int EXEMPLAR_DOUBLE_POS = EXEMPLAR.position(VALUE_DOUBLE);
  private static final int EXEMPLAR_INT_POS = EXEMPLAR.position(VALUE_INT);
  private static final int EXEMPLAR_SPAN_ID_POS = EXEMPLAR.position(SPAN_ID);
  private static final int EXEMPLAR_TRACE_ID_POS = EXEMPLAR.position(TRACE_ID);
  private static final int EXEMPLAR_ATTRIBUTES_POS = EXEMPLAR.position(FILTERED_ATTRIBUTES);

  private final MappingLimits limits;

  MetricsMapper(MappingLimits limits) {
    this.limits = limits;
  }

  MappedRows map(String tenant, ExportMetricsServiceRequest request, long receiveNanos) {
    MappingContext context = new MappingContext(tenant, limits, receiveNanos);
    List<Record> points = new ArrayList<>(countPoints(request));
    List<ResourceMetrics> resources = request.getResourceMetricsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceMetrics resourceMetrics = resources.get(r);
      ResourceScope resource =
          ResourceScope.ofResource(resourceMetrics.getResource(), resourceMetrics.getSchemaUrl(), context);
      List<ScopeMetrics> scopes = resourceMetrics.getScopeMetricsList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeMetrics scopeMetrics = scopes.get(s);
        ResourceScope scope =
            resource.withScope(scopeMetrics.getScope(), scopeMetrics.getSchemaUrl(), context);
        SeriesLabels series = new SeriesLabels(scope);
        List<Metric> metrics = scopeMetrics.getMetricsList();
        for (int m = 0; m < metrics.size(); m++) {
          new MetricRows(context, scope, series, metrics.get(m), new Where(m, s, r)).mapPoints(points);
        }
      }
    }
    return new MappedRows(
        Map.of(Signal.METRICS, Collections.unmodifiableList(points)),
        points.size(),
        context.rejected(),
        context.rejectionMessage());
  }

  /** Indexes of a metric, its scope and its resource in the request, for rejection messages. */
  private record Where(int metric, int scope, int resource) {}

  /** The data points of one metric: what they share, and the mapping of each kind. */
  private static final class MetricRows {
    private final MappingContext context;
    private final ResourceScope scope;
    private final SeriesLabels series;
    private final Metric metric;
    private final Where where;
    private final String description;
    private final String unit;
    private final Map<String, String> metadata;
    private final Map<String, String> valueTypes;
    private final String problem;

    MetricRows(MappingContext context, ResourceScope scope, SeriesLabels series, Metric metric, Where where) {
      this.context = context;
      this.scope = scope;
      this.series = series;
      this.metric = metric;
      this.where = where;
      this.description = ResourceScope.emptyToNull(metric.getDescription());
      this.unit = ResourceScope.emptyToNull(metric.getUnit());
      if (scope.problem != null) {
        this.metadata = MappingContext.EMPTY_MAP;
        this.valueTypes = MappingContext.EMPTY_MAP;
        this.problem = scope.problem;
        return;
      }
      context.beginTypes(scope.valueTypes);
      Map<String, String> converted = context.attributes(metric.getMetadataList(), METADATA_PREFIX, -1);
      Map<String, String> types = context.endTypes();
      this.metadata = converted == null ? MappingContext.EMPTY_MAP : Collections.unmodifiableMap(converted);
      this.valueTypes = types.isEmpty() ? MappingContext.EMPTY_MAP : Collections.unmodifiableMap(types);
      this.problem = converted == null ? context.problem() : null;
    }

    /** Adds a row per valid data point to {@code out}, and counts the others as rejected. */
    void mapPoints(List<Record> out) {
      switch (metric.getDataCase()) {
        case GAUGE: {
          Gauge gauge = metric.getGauge();
          for (int i = 0; i < gauge.getDataPointsCount(); i++) {
            add(out, i, number(gauge.getDataPoints(i), TYPE_GAUGE, null, null));
          }
          break;
        }
        case SUM: {
          Sum sum = metric.getSum();
          Integer temporality = sum.getAggregationTemporalityValue();
          Boolean monotonic = sum.getIsMonotonic();
          for (int i = 0; i < sum.getDataPointsCount(); i++) {
            add(out, i, number(sum.getDataPoints(i), TYPE_SUM, temporality, monotonic));
          }
          break;
        }
        case HISTOGRAM: {
          Histogram histogram = metric.getHistogram();
          Integer temporality = histogram.getAggregationTemporalityValue();
          for (int i = 0; i < histogram.getDataPointsCount(); i++) {
            add(out, i, histogram(histogram.getDataPoints(i), temporality));
          }
          break;
        }
        case EXPONENTIAL_HISTOGRAM: {
          ExponentialHistogram histogram = metric.getExponentialHistogram();
          Integer temporality = histogram.getAggregationTemporalityValue();
          for (int i = 0; i < histogram.getDataPointsCount(); i++) {
            add(out, i, exponential(histogram.getDataPoints(i), temporality));
          }
          break;
        }
        case SUMMARY: {
          Summary summary = metric.getSummary();
          for (int i = 0; i < summary.getDataPointsCount(); i++) {
            add(out, i, summary(summary.getDataPoints(i)));
          }
          break;
        }
        default:
          // A metric without data has no data points to store or reject.
          break;
      }
    }

    private void add(List<Record> out, int index, GenericRecord row) {
      if (row != null) {
        out.add(row);
      } else if (context.countRejection()) {
        context.describeFirstRejection(
            "data point " + index + " of metric " + where.metric + " '" + metric.getName() + "' of scope "
                + where.scope + " of resource " + where.resource);
      }
    }

    private GenericRecord number(NumberDataPoint point, String type, Integer temporality, Boolean monotonic) {
      GenericRecord row = begin(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
          point.getFlags(), type, temporality, monotonic);
      if (row == null) {
        return null;
      }
      switch (point.getValueCase()) {
        case AS_DOUBLE:
          row.set(VALUE_DOUBLE_POS, point.getAsDouble());
          break;
        case AS_INT:
          row.set(VALUE_INT_POS, point.getAsInt());
          break;
        default:
          break;
      }
      return finish(row, point.getExemplarsList());
    }

    /** Count, sum, min and max of a histogram point; proto3 optional fields absent stay null. */
    private void setStatistics(GenericRecord row, long count, Double sum, Double min, Double max) {
      row.set(COUNT_POS, count);
      row.set(SUM_POS, sum);
      row.set(MIN_POS, min);
      row.set(MAX_POS, max);
    }

    private GenericRecord histogram(HistogramDataPoint point, Integer temporality) {
      GenericRecord row = begin(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
          point.getFlags(), TYPE_HISTOGRAM, temporality, null);
      if (row == null) {
        return null;
      }
      setStatistics(row, point.getCount(), point.hasSum() ? point.getSum() : null,
          point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null);
      row.set(BUCKET_COUNTS_POS, point.getBucketCountsList());
      row.set(EXPLICIT_BOUNDS_POS, point.getExplicitBoundsList());
      return finish(row, point.getExemplarsList());
    }

    private GenericRecord exponential(ExponentialHistogramDataPoint point, Integer temporality) {
      GenericRecord row = begin(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
          point.getFlags(), TYPE_EXPONENTIAL_HISTOGRAM, temporality, null);
      if (row == null) {
        return null;
      }
      setStatistics(row, point.getCount(), point.hasSum() ? point.getSum() : null,
          point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null);
      row.set(SCALE_POS, point.getScale());
      row.set(ZERO_COUNT_POS, point.getZeroCount());
      row.set(ZERO_THRESHOLD_POS, point.getZeroThreshold());
      row.set(POSITIVE_OFFSET_POS, point.getPositive().getOffset());
      row.set(POSITIVE_BUCKETS_POS, point.getPositive().getBucketCountsList());
      row.set(NEGATIVE_OFFSET_POS, point.getNegative().getOffset());
      row.set(NEGATIVE_BUCKETS_POS, point.getNegative().getBucketCountsList());
      return finish(row, point.getExemplarsList());
    }

    private GenericRecord summary(SummaryDataPoint point) {
      GenericRecord row = begin(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
          point.getFlags(), TYPE_SUMMARY, null, null);
      if (row == null) {
        return null;
      }
      row.set(COUNT_POS, point.getCount());
      row.set(SUM_POS, point.getSum());
      int size = point.getQuantileValuesCount();
      List<GenericRecord> quantiles = size == 0 ? Collections.emptyList() : new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        SummaryDataPoint.ValueAtQuantile quantile = point.getQuantileValues(i);
        GenericRecord element = QUANTILE_ROW.newRow();
        element.set(QUANTILE_POS, quantile.getQuantile());
        element.set(QUANTILE_VALUE_POS, quantile.getValue());
        quantiles.add(element);
      }
      row.set(QUANTILES_POS, quantiles);
      row.set(VALUE_TYPES_POS, context.endTypes());
      return row;
    }

    /**
     * Checks a data point and makes its row with everything but the kind-specific columns, or returns
     * null with the reason in the context's problem.
     */
    private GenericRecord begin(
        List<KeyValue> attributeList,
        long startNanos,
        long timeNanos,
        int flags,
        String type,
        Integer temporality,
        Boolean monotonic) {
      if (problem != null) {
        return context.fail(problem);
      }
      if (timeNanos == 0) {
        return context.fail("time_unix_nano is not set");
      }
      String invalid = context.checkTime("time_unix_nano", timeNanos);
      if (invalid == null) {
        invalid = context.checkAttributeCount(
            scope.attributeCount + metric.getMetadataCount() + attributeList.size());
      }
      if (invalid != null) {
        return context.fail(invalid);
      }
      context.beginTypes(valueTypes);
      Map<String, String> attributes = context.attributes(attributeList, ATTRIBUTES_PREFIX, -1);
      if (attributes == null) {
        return null;
      }
      String labels = series.format(metric.getName(), attributes);
      GenericRecord row = POINT.newRow();
      scope.fill(row, COMMON, context.tenant);
      row.set(TIMESTAMP_POS, Timestamps.micros(timeNanos));
      row.set(TIMESTAMP_NANOS_POS, Timestamps.nanosRemainder(timeNanos));
      if (startNanos != 0) {
        row.set(START_POS, Timestamps.micros(startNanos));
        row.set(START_NANOS_POS, Timestamps.nanosRemainder(startNanos));
      }
      row.set(METRIC_NAME_POS, metric.getName());
      row.set(METRIC_TYPE_POS, type);
      row.set(DESCRIPTION_POS, description);
      row.set(UNIT_POS, unit);
      row.set(METADATA_POS, metadata);
      row.set(TEMPORALITY_POS, temporality);
      row.set(IS_MONOTONIC_POS, monotonic);
      row.set(SERIES_LABELS_POS, labels);
      row.set(SERIES_FINGERPRINT_POS, Fingerprints.fnv1a64(labels));
      row.set(FLAGS_POS, flags);
      row.set(ATTRIBUTES_POS, attributes);
      return row;
    }

    /** Adds the exemplars and value types, or returns null when an exemplar is invalid. */
    private GenericRecord finish(GenericRecord row, List<Exemplar> exemplars) {
      int size = exemplars.size();
      List<GenericRecord> elements = size == 0 ? Collections.emptyList() : new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        Exemplar exemplar = exemplars.get(i);
        String invalid = Ids.checkOptional("trace_id", exemplar.getTraceId(), Ids.TRACE_ID_BYTES);
        if (invalid == null) {
          invalid = Ids.checkOptional("span_id", exemplar.getSpanId(), Ids.SPAN_ID_BYTES);
        }
        if (invalid != null) {
          return context.fail("exemplar " + i + ": " + invalid);
        }
        Map<String, String> attributes =
            context.attributes(exemplar.getFilteredAttributesList(), EXEMPLARS_PREFIX, i);
        if (attributes == null) {
          return null;
        }
        GenericRecord element = EXEMPLAR.newRow();
        element.set(EXEMPLAR_TIME_POS, exemplar.getTimeUnixNano());
        switch (exemplar.getValueCase()) {
          case AS_DOUBLE:
            element.set(EXEMPLAR_DOUBLE_POS, exemplar.getAsDouble());
            break;
          case AS_INT:
            element.set(EXEMPLAR_INT_POS, exemplar.getAsInt());
            break;
          default:
            break;
        }
        element.set(EXEMPLAR_SPAN_ID_POS, Ids.toBuffer(exemplar.getSpanId()));
        element.set(EXEMPLAR_TRACE_ID_POS, Ids.toBuffer(exemplar.getTraceId()));
        element.set(EXEMPLAR_ATTRIBUTES_POS, attributes);
        elements.add(element);
      }
      row.set(EXEMPLARS_POS, elements);
      row.set(VALUE_TYPES_POS, context.endTypes());
      return row;
    }
  }

  private static int countPoints(ExportMetricsServiceRequest request) {
    int count = 0;
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scopeMetrics.getMetricsList()) {
          switch (metric.getDataCase()) {
            case GAUGE:
              count += metric.getGauge().getDataPointsCount();
              break;
            case SUM:
              count += metric.getSum().getDataPointsCount();
              break;
            case HISTOGRAM:
              count += metric.getHistogram().getDataPointsCount();
              break;
            case EXPONENTIAL_HISTOGRAM:
              count += metric.getExponentialHistogram().getDataPointsCount();
              break;
            case SUMMARY:
              count += metric.getSummary().getDataPointsCount();
              break;
            default:
              break;
          }
        }
      }
    }
    return count;
  }
}
