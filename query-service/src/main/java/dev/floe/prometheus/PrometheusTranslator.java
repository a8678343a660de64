package dev.floe.prometheus;

import dev.floe.prometheus.PointValue.ExponentialHistogram;
import dev.floe.prometheus.PointValue.Histogram;
import dev.floe.prometheus.PointValue.Summary;
import dev.floe.prometheus.TranslatedSeries.Shape;
import dev.floe.lang.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Translates stored OTLP metric points to Prometheus series, samples and exemplars as Prometheus 3's
 * OTLP receiver does, with the options of a {@link TranslationConfig} (by default Prometheus's), and
 * as the OpenTelemetry specification "Prometheus and OpenMetrics Compatibility" says:
 *
 * <ul>
 *   <li>names by {@link MetricNames}, attribute keys by {@link LabelNames} (unless the strategy keeps
 *       UTF-8); keys that become the same label join their values with {@code ;} in the order of the
 *       keys;
 *   <li>{@code job} is {@code service.namespace/service.name} or {@code service.name}, {@code instance}
 *       is {@code service.instance.id}; other resource attributes are labels only when promoted, and
 *       go to the resource's {@code target_info} series; scope name and version are labels only when
 *       promoted;
 *   <li>gauges and sums are float samples, monotonic sums counters and the other sums gauges;
 *       histograms become classic {@code _bucket}/{@code _sum}/{@code _count} series, summaries
 *       quantile/{@code _sum}/{@code _count} series, exponential histograms native histograms;
 *   <li>a point flagged "no recorded value" becomes stale markers;
 *   <li>rows of type {@link MetricType#PROMETHEUS} pass through unchanged.
 * </ul>
 *
 * <p>Delta points must be made cumulative first, by a {@link DeltaToCumulative} per series.
 * Translation depends only on the {@link SeriesIdentity}, so callers cache {@link #translate}.
 */
public final class PrometheusTranslator {
  /** The NaN Prometheus uses as a stale marker, told apart from other NaNs by its bits. */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  static final String RESOURCE_PREFIX = "resource.";
  static final String SCOPE_NAME = "scope.name";
  static final String SCOPE_VERSION = "scope.version";
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_NAMESPACE = "service.namespace";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";
  static final String TARGET_INFO = "target_info";


  private final TranslationConfig config;

  public PrometheusTranslator(TranslationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Whether {@code value} is Prometheus's stale marker. */
  public static boolean isStale(double value) {
    return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(STALE_NAN);
  }

  /** The Prometheus series of a stored series. */
  public TranslatedSeries translate(SeriesIdentity identity) {
    Labels stored = identity.seriesLabels();
    if (identity.type().isPrometheus()) {
      return new TranslatedSeries(
          stored.get(TranslatedSeries.NAME), familyType(identity), shape(identity.type()),
          stored.toBuilder().remove(TranslatedSeries.NAME).build(), Labels.EMPTY);
    }
    Map<String, String> resource = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    String scopeName = "";
    String scopeVersion = "";
    // Stored labels are sorted by key, so values of colliding keys join in key order.
    for (int i = 0; i < stored.size(); i++) {
      String key = stored.name(i);
      if (key.equals(TranslatedSeries.NAME)) {
        continue;
      }
      if (key.startsWith(RESOURCE_PREFIX)) {
        resource.put(key.substring(RESOURCE_PREFIX.length()), stored.value(i));
      } else if (key.equals(SCOPE_NAME)) {
        scopeName = stored.value(i);
      } else if (key.equals(SCOPE_VERSION)) {
        scopeVersion = stored.value(i);
      } else {
        addJoined(labels, key, stored.value(i));
      }
    }
    for (String attribute : config.promoteResourceAttributes()) {
      String value = resource.get(attribute);
      if (value != null) {
        labels.putIfAbsent(labelName(attribute), value);
      }
    }
    if (config.promoteScopeMetadata() && !scopeName.isEmpty()) {
      labels.put("otel_scope_name", scopeName);
      labels.put("otel_scope_version", scopeVersion);
    }
    putJobAndInstance(resource, labels);
    String family = familyName(identity);
    return new TranslatedSeries(
        family, familyType(identity), shape(identity.type()), Labels.of(labels), targetInfo(resource));
  }

  /**
   * The names of the Prometheus series the points of a metric become, whatever their labels: what a
   * {@code __name__} matcher selects them by. The name of a {@link MetricType#PROMETHEUS} metric is its
   * {@code __name__}.
   *
   * @param unit the OTLP unit, empty when none
   * @param monotonic whether a sum is monotonic
   */
  public List<String> metricNames(String metricName, String unit, MetricType type, boolean monotonic) {
    String family = type.isPrometheus()
        ? metricName
        : MetricNames.metricName(metricName, unit, type, monotonic, config.strategy());
    return TranslatedSeries.names(family, shape(type));
  }

  /**
   * Whether a stored metric named {@code storedName} can become a series named {@code
   * prometheusName}, whatever its type and unit: a cheap test that lets a scan skip the rows of
   * other metrics before translating anything. It may say yes wrongly, never no wrongly: suffixes
   * only ever follow the escaped name, apart from a {@code total} word that counters move to the end.
   */
  public boolean mayProduce(String storedName, String prometheusName) {
    if (prometheusName.equals(storedName)) {
      return true;
    }
    String gauge = MetricNames.metricName(storedName, "", MetricType.GAUGE, false, config.strategy());
    if (prometheusName.startsWith(gauge)) {
      return true;
    }
    String counter = MetricNames.metricName(storedName, "", MetricType.SUM, true, config.strategy());
    String base = counter.endsWith("_total") ? counter.substring(0, counter.length() - "_total".length()) : counter;
    return prometheusName.startsWith(base);
  }

  /**
   * The metadata of the family of a stored series; {@code description} is the OTLP description. The
   * family name is empty when the series has no Prometheus form.
   */
  public MetricMetadata metadata(SeriesIdentity identity, String description) {
    if (identity.type().isPrometheus()) {
      return new MetricMetadata(identity.seriesLabels().get(TranslatedSeries.NAME), familyType(identity),
          description == null ? "" : description, identity.unit());
    }
    return new MetricMetadata(familyName(identity), familyType(identity),
        description == null ? "" : description, MetricNames.unit(identity.unit(), config.strategy()));
  }

  private String familyName(SeriesIdentity identity) {
    return MetricNames.metricName(identity.seriesLabels().get(TranslatedSeries.NAME), identity.unit(),
        identity.type(), identity.monotonic(), config.strategy());
  }

  /** The label name of an attribute key: escaped, or as it is when the strategy allows UTF-8. */
  private String labelName(String key) {
    return config.strategy().escapes() ? LabelNames.of(key) : key;
  }

  /**
   * Makes the samples of {@code point}, a point of the series translated as {@code series}, with
   * timestamps in milliseconds.
   *
   * @throws IllegalArgumentException if the point's kind is not the series' kind
   */
  public void emit(TranslatedSeries series, MetricPoint point, SampleSink sink) {
    if (series.series().isEmpty()) {
      sink.dropped(point, "metric name '" + point.series().seriesLabels().get(TranslatedSeries.NAME)
          + "' makes no valid Prometheus metric name");
      return;
    }
    long millis = point.timeNanos() / 1_000_000;
    boolean stale = point.noRecordedValue();
    PointValue value = point.value();
    switch (series.shape()) {
      case FLOAT -> {
        if (!(value instanceof PointValue.Number number)) {
          throw mismatch(series, value);
        }
        sink.sample(series.main(), millis, stale ? STALE_NAN : number.value());
      }
      case CLASSIC_HISTOGRAM -> {
        if (!(value instanceof Histogram histogram)) {
          throw mismatch(series, value);
        }
        emitHistogram(series, histogram, millis, stale, sink);
      }
      case SUMMARY -> {
        if (!(value instanceof Summary summary)) {
          throw mismatch(series, value);
        }
        emitSummary(series, summary, millis, stale, sink);
      }
      case NATIVE_HISTOGRAM -> {
        if (!(value instanceof ExponentialHistogram exponential)) {
          throw mismatch(series, value);
        }
        if (exponential.scale() < NativeHistogram.MIN_SCHEMA) {
          sink.dropped(point, "exponential histogram scale " + exponential.scale()
              + " is below " + NativeHistogram.MIN_SCHEMA + ", the smallest native histogram schema");
          return;
        }
        sink.histogram(series.main(), millis, NativeHistogram.of(exponential, stale));
      }
      default -> throw new IllegalStateException("unknown shape " + series.shape());
    }
  }

  /**
   * The Prometheus exemplars of {@code exemplars}, those of {@code point} of the series translated as
   * {@code series}. As the specification says, only histograms and counters have exemplars; a classic
   * histogram's exemplar goes to the first bucket whose bound is at least its value.
   */
  public List<PrometheusExemplar> exemplars(TranslatedSeries series, MetricPoint point, List<Exemplar> exemplars) {
    return Exemplars.translate(series, point, exemplars);
  }

  private static void emitHistogram(
      TranslatedSeries series, Histogram histogram, long millis, boolean stale, SampleSink sink) {
    if (histogram.sum() != null) {
      sink.sample(series.sum(), millis, stale ? STALE_NAN : histogram.sum());
    }
    sink.sample(series.count(), millis, stale ? STALE_NAN : histogram.count());
    double[] bounds = histogram.bounds();
    long[] counts = histogram.bucketCounts();
    long cumulative = 0;
    for (int i = 0; i < bounds.length && i < counts.length; i++) {
      cumulative += counts[i];
      sink.sample(series.withExtraLabel(bounds[i]), millis, stale ? STALE_NAN : cumulative);
    }
    sink.sample(
        series.withExtraLabel(Double.POSITIVE_INFINITY), millis, stale ? STALE_NAN : histogram.count());
  }

  private static void emitSummary(
      TranslatedSeries series, Summary summary, long millis, boolean stale, SampleSink sink) {
    sink.sample(series.sum(), millis, stale ? STALE_NAN : summary.sum());
    sink.sample(series.count(), millis, stale ? STALE_NAN : summary.count());
    double[] quantiles = summary.quantiles();
    double[] values = summary.values();
    for (int i = 0; i < quantiles.length; i++) {
      sink.sample(series.withExtraLabel(quantiles[i]), millis, stale ? STALE_NAN : values[i]);
    }
  }

  /** Adds {@code job} and {@code instance}, which win over data point attributes of those names. */
  private static void putJobAndInstance(Map<String, String> resource, Map<String, String> labels) {
    String service = resource.get(SERVICE_NAME);
    if (service != null) {
      String namespace = resource.get(SERVICE_NAMESPACE);
      labels.put("job", namespace == null ? service : namespace + "/" + service);
    }
    String instance = resource.get(SERVICE_INSTANCE_ID);
    if (instance != null) {
      labels.put("instance", instance);
    }
  }

  /**
   * The {@code target_info} labels of a resource: its attributes but those that make {@code job} and
   * {@code instance} (unless kept), with {@code job} and {@code instance}; none without either, or
   * with no other attribute.
   */
  private Labels targetInfo(Map<String, String> resource) {
    boolean hasOthers = resource.keySet().stream().anyMatch(key -> !isIdentifying(key));
    if (!hasOthers || !(resource.containsKey(SERVICE_NAME) || resource.containsKey(SERVICE_INSTANCE_ID))) {
      return Labels.EMPTY;
    }
    Map<String, String> labels = new HashMap<>();
    resource.keySet().stream()
        .filter(key -> config.keepIdentifyingResourceAttributes() || !isIdentifying(key))
        .sorted(Labels::compareNames)
        .forEach(key -> addJoined(labels, key, resource.get(key)));
    putJobAndInstance(resource, labels);
    labels.put(TranslatedSeries.NAME, TARGET_INFO);
    return Labels.of(labels);
  }

  private static boolean isIdentifying(String key) {
    return key.equals(SERVICE_NAME) || key.equals(SERVICE_NAMESPACE) || key.equals(SERVICE_INSTANCE_ID);
  }

  /** Adds an attribute as a label; attributes whose names collide join their values with {@code ;}. */
  private void addJoined(Map<String, String> labels, String key, String value) {
    String name = labelName(key);
    if (!name.isEmpty()) {
      labels.merge(name, value, (first, second) -> first + ";" + second);
    }
  }

  private static FamilyType familyType(SeriesIdentity identity) {
    return switch (identity.type()) {
      case GAUGE -> FamilyType.GAUGE;
      case SUM -> identity.monotonic() ? FamilyType.COUNTER : FamilyType.GAUGE;
      case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> FamilyType.HISTOGRAM;
      case SUMMARY -> FamilyType.SUMMARY;
      case PROMETHEUS -> FamilyType.UNKNOWN;
      case PROMETHEUS_HISTOGRAM -> FamilyType.HISTOGRAM;
    };
  }

  private static Shape shape(MetricType type) {
    return switch (type) {
      case GAUGE, SUM, PROMETHEUS -> Shape.FLOAT;
      case HISTOGRAM -> Shape.CLASSIC_HISTOGRAM;
      case EXPONENTIAL_HISTOGRAM, PROMETHEUS_HISTOGRAM -> Shape.NATIVE_HISTOGRAM;
      case SUMMARY -> Shape.SUMMARY;
    };
  }

  private static IllegalArgumentException mismatch(TranslatedSeries series, PointValue value) {
    return new IllegalArgumentException("a " + value.getClass().getSimpleName()
        + " point cannot be a sample of series " + series.main());
  }
}
