package dev.floe.push;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.COUNT;
import static dev.floe.schema.Columns.DESCRIPTION;
import static dev.floe.schema.Columns.FLAGS;
import static dev.floe.schema.Columns.METADATA;
import static dev.floe.schema.Columns.METRIC_NAME;
import static dev.floe.schema.Columns.METRIC_TYPE;
import static dev.floe.schema.Columns.NEGATIVE_BUCKET_COUNTS;
import static dev.floe.schema.Columns.NEGATIVE_OFFSET;
import static dev.floe.schema.Columns.POSITIVE_BUCKET_COUNTS;
import static dev.floe.schema.Columns.POSITIVE_OFFSET;
import static dev.floe.schema.Columns.RESOURCE_ATTRIBUTES;
import static dev.floe.schema.Columns.SCALE;
import static dev.floe.schema.Columns.SCOPE_ATTRIBUTES;
import static dev.floe.schema.Columns.SERIES_FINGERPRINT;
import static dev.floe.schema.Columns.SERIES_LABELS;
import static dev.floe.schema.Columns.SERVICE_NAME;
import static dev.floe.schema.Columns.SUM;
import static dev.floe.schema.Columns.TENANT_ID;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.UNIT;
import static dev.floe.schema.Columns.VALUE_DOUBLE;
import static dev.floe.schema.Columns.VALUE_TYPES;
import static dev.floe.schema.Columns.ZERO_COUNT;
import static dev.floe.schema.Columns.ZERO_THRESHOLD;

import dev.floe.otlp.Fingerprints;
import dev.floe.otlp.LabelSets;
import dev.floe.otlp.MappedRows;
import dev.floe.otlp.MappingLimits;
import dev.floe.otlp.RowTemplate;
import dev.floe.otlp.StreamLabels;
import dev.floe.otlp.Timestamps;
import dev.floe.otlp.Utf8;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Turns Prometheus remote write 1.0 requests ({@code POST /api/v1/write}) into rows of the metrics
 * table, one per sample, with {@code metric_type} {@value #TYPE_SAMPLE}: {@code series_labels} are
 * the Prometheus labels as sent ({@code __name__} included, labels with an empty value left out as
 * Prometheus treats them as absent), {@code metric_name} is {@code __name__}, {@code value_double}
 * the sample value. A stale marker gets OTLP's "no recorded value" flag ({@value #NO_RECORDED_VALUE})
 * in {@code flags}: that flag, not the NaN's bits, is what marks it stale in storage, because Parquet
 * writers store every NaN as the canonical one. Integer native histograms become one row each with
 * {@code metric_type} {@value #TYPE_HISTOGRAM} in the exponential histogram columns.
 *
 * <p>Metric metadata sent in the same request fills {@code description} (help), {@code unit} and
 * {@code metadata} ({@code type}, and {@code reset_hint} of histograms) of the matching samples.
 * Rejected one by one, the rest of the request kept: samples outside the acceptance window, series
 * with invalid labels (an empty or repeated name, no {@code __name__}, more than {@link
 * MappingLimits#maxAttributes()} labels, a value over {@link MappingLimits#maxValueBytes()}), float
 * and custom-bucket native histograms, and exemplars (not stored).
 * Thread-safe.
 */
public final class RemoteWriteMapper {
  /** {@code metric_type} of a float sample. */
  public static final String TYPE_SAMPLE = "prometheus";
  /** {@code metric_type} of a native histogram sample. */
  public static final String TYPE_HISTOGRAM = "prometheus_histogram";
  /** OTLP's {@code DataPointFlags.FLAG_NO_RECORDED_VALUE}, set on stale markers. */
  public static final int NO_RECORDED_VALUE = 1;
  /** The NaN Prometheus writes to mark a series stale. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  private static final String NAME_LABEL = "__name__";
  private static final String JOB_LABEL = "job";
  private static final List<String> TYPE_NAMES =
      List.of("unknown", "counter", "gauge", "summary", "histogram", "gaugehistogram", "info", "stateset");
  private static final List<String> RESET_HINTS = List.of("unknown", "yes", "no", "gauge");
  /** Suffixes of the series of one metric family, to find the family's metadata. */
  private static final List<String> FAMILY_SUFFIXES = List.of("_bucket", "_sum", "_count", "_total", "_created", "_info");

  private static final RowTemplate POINT = RowTemplate.of(FloeTables.METRICS.schema());
  private static final int TENANT_POS = POINT.position(TENANT_ID);
  private static final int TIMESTAMP_POS = POINT.position(TIMESTAMP);
  private static final int TIMESTAMP_NANOS_POS = POINT.position(TIMESTAMP_NANOS);
  private static final int SERVICE_NAME_POS = POINT.position(SERVICE_NAME);
  private static final int METRIC_NAME_POS = POINT.position(METRIC_NAME);
  private static final int METRIC_TYPE_POS = POINT.position(METRIC_TYPE);
  private static final int DESCRIPTION_POS = POINT.position(DESCRIPTION);
  private static final int UNIT_POS = POINT.position(UNIT);
  private static final int METADATA_POS = POINT.position(METADATA);
  private static final int SERIES_LABELS_POS = POINT.position(SERIES_LABELS);
  private static final int SERIES_FINGERPRINT_POS = POINT.position(SERIES_FINGERPRINT);
  private static final int FLAGS_POS = POINT.position(FLAGS);
  private static final int VALUE_DOUBLE_POS = POINT.position(VALUE_DOUBLE);
  private static final int COUNT_POS = POINT.position(COUNT);
  private static final int SUM_POS = POINT.position(SUM);
  private static final int SCALE_POS = POINT.position(SCALE);
  private static final int ZERO_COUNT_POS = POINT.position(ZERO_COUNT);
  private static final int ZERO_THRESHOLD_POS = POINT.position(ZERO_THRESHOLD);
  private static final int POSITIVE_OFFSET_POS = POINT.position(POSITIVE_OFFSET);
  private static final int POSITIVE_BUCKETS_POS = POINT.position(POSITIVE_BUCKET_COUNTS);
  private static final int NEGATIVE_OFFSET_POS = POINT.position(NEGATIVE_OFFSET);
  private static final int NEGATIVE_BUCKETS_POS = POINT.position(NEGATIVE_BUCKET_COUNTS);
  private static final int ATTRIBUTES_POS = POINT.position(ATTRIBUTES);
  private static final int RESOURCE_ATTRIBUTES_POS = POINT.position(RESOURCE_ATTRIBUTES);
  private static final int SCOPE_ATTRIBUTES_POS = POINT.position(SCOPE_ATTRIBUTES);
  private static final int VALUE_TYPES_POS = POINT.position(VALUE_TYPES);

  private final MappingLimits limits;

  public RemoteWriteMapper(MappingLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Rows of a {@code prometheus.WriteRequest}, already snappy-decompressed (see {@link SnappyBlock}).
   *
   * @throws PushFormatException if the body is not a valid write request
   */
  public MappedRows map(String tenantId, byte[] body, long receiveTimeUnixNano) {
    Objects.requireNonNull(tenantId, "tenantId");
    RemoteWriteRequest request = RemoteWriteDecoder.decode(body);
    TimeWindow window = new TimeWindow(limits, receiveTimeUnixNano);
    Map<String, RemoteWriteRequest.Metadata> metadata = new HashMap<>();
    for (RemoteWriteRequest.Metadata m : request.metadata()) {
      metadata.put(m.familyName(), m);
    }
    Rejections rejections = new Rejections("samples, histograms and exemplars");
    List<Record> rows = new ArrayList<>();
    for (RemoteWriteRequest.Series series : request.series()) {
      new SeriesRows(tenantId, series, window, rejections).add(rows, metadata);
    }
    return new MappedRows(
        Map.of(Signal.METRICS, Collections.unmodifiableList(rows)), rows.size(), rejections.count(), rejections.message());
  }

  /** The rows of one time series: what its samples share, and the mapping of each. */
  private final class SeriesRows {
    private final String tenant;
    private final RemoteWriteRequest.Series series;
    private final TimeWindow window;
    private final Rejections rejections;

    SeriesRows(String tenant, RemoteWriteRequest.Series series, TimeWindow window, Rejections rejections) {
      this.tenant = tenant;
      this.series = series;
      this.window = window;
      this.rejections = rejections;
    }

    void add(List<Record> out, Map<String, RemoteWriteRequest.Metadata> allMetadata) {
      int records = series.samples().size() + series.histograms().size() + series.exemplars();
      Map<String, String> labels = new LinkedHashMap<>();
      String invalid = labels(labels);
      if (invalid != null) {
        rejections.add(records, invalid);
        return;
      }
      String labelSet = LabelSets.format(labels);
      Long fingerprint = Fingerprints.fnv1a64(labelSet);
      String name = labels.remove(NAME_LABEL);
      Map<String, String> attributes = Collections.unmodifiableMap(labels);
      String serviceName = serviceName(labels);
      RemoteWriteRequest.Metadata metadata = metadataOf(name, allMetadata);
      if (series.exemplars() > 0) {
        rejections.add(series.exemplars(),
            "exemplars of series '" + labelSet + "' are not stored by Floe; disable send_exemplars");
      }
      for (RemoteWriteRequest.Sample sample : series.samples()) {
        long time = nanos(sample.timestampMillis());
        String problem = checkTime(time, labelSet);
        if (problem != null) {
          rejections.add(1, problem);
          continue;
        }
        GenericRecord row = begin(time, serviceName, name, TYPE_SAMPLE, labelSet, fingerprint, attributes, metadata, 0);
        double value = sample.value();
        row.set(VALUE_DOUBLE_POS, value);
        row.set(FLAGS_POS, Double.doubleToRawLongBits(value) == STALE_NAN_BITS ? NO_RECORDED_VALUE : 0);
        out.add(row);
      }
      for (NativeHistogram histogram : series.histograms()) {
        long time = nanos(histogram.timestampMillis);
        String problem = checkTime(time, labelSet);
        if (problem == null) {
          problem = unsupported(histogram, labelSet);
        }
        NativeHistogram.Dense positive = null;
        NativeHistogram.Dense negative = null;
        if (problem == null) {
          try {
            positive = histogram.positive.dense();
            negative = histogram.negative.dense();
          } catch (IllegalArgumentException e) {
            problem = "native histogram of series '" + labelSet + "' is invalid: " + e.getMessage();
          }
        }
        if (problem != null) {
          rejections.add(1, problem);
          continue;
        }
        GenericRecord row = begin(time, serviceName, name, TYPE_HISTOGRAM, labelSet, fingerprint, attributes, metadata,
            histogram.resetHint);
        row.set(FLAGS_POS, Double.doubleToRawLongBits(histogram.sum) == STALE_NAN_BITS ? NO_RECORDED_VALUE : 0);
        row.set(COUNT_POS, histogram.countInt);
        row.set(SUM_POS, histogram.sum);
        row.set(SCALE_POS, histogram.schema);
        row.set(ZERO_COUNT_POS, histogram.zeroCountInt);
        row.set(ZERO_THRESHOLD_POS, histogram.zeroThreshold);
        row.set(POSITIVE_OFFSET_POS, positive.otlpOffset());
        row.set(POSITIVE_BUCKETS_POS, positive.counts());
        row.set(NEGATIVE_OFFSET_POS, negative.otlpOffset());
        row.set(NEGATIVE_BUCKETS_POS, negative.counts());
        out.add(row);
      }
    }

    /** Fills {@code out} with the non-empty labels; returns the problem with them, or null. */
    private String labels(Map<String, String> out) {
      List<String> pairs = series.labels();
      if (pairs.size() / 2 > limits.maxAttributes()) {
        return "series has " + pairs.size() / 2 + " labels, more than the limit of " + limits.maxAttributes();
      }
      for (int i = 0; i < pairs.size(); i += 2) {
        String name = pairs.get(i);
        String value = pairs.get(i + 1);
        if (name.isEmpty()) {
          return "series has a label with an empty name";
        }
        if (Utf8.longerThan(name, limits.maxKeyBytes())) {
          return "label name " + Utf8.abbreviate(name) + " is " + Utf8.length(name)
              + " bytes, more than the limit of " + limits.maxKeyBytes();
        }
        if (out.containsKey(name)) {
          return "duplicate label with name: " + name;
        }
        // A char is at most 3 UTF-8 bytes: only long values need encoding to be measured.
        if (Utf8.longerThan(value, limits.maxValueBytes())) {
          return "label " + name + " has a value of more than " + limits.maxValueBytes() + " bytes";
        }
        if (!value.isEmpty()) {
          out.put(name, value);
        }
      }
      if (!out.containsKey(NAME_LABEL)) {
        return "series " + LabelSets.format(out) + " has no " + NAME_LABEL + " label";
      }
      return null;
    }

    private String checkTime(long time, String labelSet) {
      if (window.tooOld(time)) {
        return "sample for series '" + labelSet + "' has timestamp too old: " + TimeWindow.format(time)
            + ", oldest acceptable timestamp is: " + TimeWindow.format(window.earliestNanos);
      }
      if (window.tooNew(time)) {
        return "sample for series '" + labelSet + "' has timestamp too new: " + TimeWindow.format(time)
            + ", newest acceptable timestamp is: " + TimeWindow.format(window.latestNanos);
      }
      return null;
    }

    private GenericRecord begin(long time, String serviceName, String name, String type, String labelSet,
        Long fingerprint, Map<String, String> attributes, RemoteWriteRequest.Metadata metadata, int resetHint) {
      GenericRecord row = POINT.newRow();
      row.set(TENANT_POS, tenant);
      row.set(TIMESTAMP_POS, Timestamps.micros(time));
      row.set(TIMESTAMP_NANOS_POS, Timestamps.nanosRemainder(time));
      row.set(SERVICE_NAME_POS, serviceName);
      row.set(METRIC_NAME_POS, name);
      row.set(METRIC_TYPE_POS, type);
      row.set(SERIES_LABELS_POS, labelSet);
      row.set(SERIES_FINGERPRINT_POS, fingerprint);
      row.set(ATTRIBUTES_POS, attributes);
      row.set(RESOURCE_ATTRIBUTES_POS, Collections.emptyMap());
      row.set(SCOPE_ATTRIBUTES_POS, Collections.emptyMap());
      row.set(VALUE_TYPES_POS, Collections.emptyMap());
      Map<String, String> columns = new LinkedHashMap<>(2);
      if (metadata != null) {
        row.set(DESCRIPTION_POS, emptyToNull(metadata.help()));
        row.set(UNIT_POS, emptyToNull(metadata.unit()));
        if (metadata.type() > 0 && metadata.type() < TYPE_NAMES.size()) {
          columns.put("type", TYPE_NAMES.get(metadata.type()));
        }
      }
      if (resetHint > 0 && resetHint < RESET_HINTS.size()) {
        columns.put("reset_hint", RESET_HINTS.get(resetHint));
      }
      row.set(METADATA_POS, columns.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(columns));
      return row;
    }
  }

  /** Why a native histogram cannot be stored, or null. */
  private static String unsupported(NativeHistogram histogram, String labelSet) {
    if (histogram.floatCounts || histogram.countInt == null || histogram.positive.floatCounts
        || histogram.negative.floatCounts) {
      return "float native histogram of series '" + labelSet + "' is not supported; only integer native histograms are";
    }
    if (histogram.schema == NativeHistogram.CUSTOM_BUCKETS_SCHEMA || histogram.customValues) {
      return "native histogram with custom buckets of series '" + labelSet + "' is not supported";
    }
    return null;
  }

  /** The service a series is filed under: its service_name label, else its job, else unknown_service. */
  private static String serviceName(Map<String, String> labels) {
    String service = labels.get(StreamLabels.SERVICE_NAME_LABEL);
    if (service == null) {
      service = labels.get(JOB_LABEL);
    }
    return service == null ? StreamLabels.UNKNOWN_SERVICE : service;
  }

  private static RemoteWriteRequest.Metadata metadataOf(String name, Map<String, RemoteWriteRequest.Metadata> all) {
    if (all.isEmpty()) {
      return null;
    }
    RemoteWriteRequest.Metadata exact = all.get(name);
    if (exact != null) {
      return exact;
    }
    for (String suffix : FAMILY_SUFFIXES) {
      if (name.endsWith(suffix)) {
        RemoteWriteRequest.Metadata family = all.get(name.substring(0, name.length() - suffix.length()));
        if (family != null) {
          return family;
        }
      }
    }
    return null;
  }

  /** Milliseconds to nanoseconds, saturating: a time that far out is outside any window anyway. */
  private static long nanos(long millis) {
    long max = Long.MAX_VALUE / 1_000_000L;
    if (millis > max) {
      return Long.MAX_VALUE;
    }
    if (millis < -max) {
      return Long.MIN_VALUE;
    }
    return millis * 1_000_000L;
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
