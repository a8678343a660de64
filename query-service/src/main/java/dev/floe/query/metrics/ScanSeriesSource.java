package dev.floe.query.metrics;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.MatchType;
import dev.floe.lang.QueryContext;
import dev.floe.prometheus.DeltaToCumulative;
import dev.floe.prometheus.Exemplar;
import dev.floe.prometheus.MetricPoint;
import dev.floe.prometheus.NativeHistogram;
import dev.floe.prometheus.PrometheusExemplar;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.prometheus.SampleSink;
import dev.floe.prometheus.SeriesIdentity;
import dev.floe.prometheus.TargetInfoSamples;
import dev.floe.prometheus.TranslatedSeries;
import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.Sample;
import dev.floe.promql.engine.Series;
import dev.floe.promql.engine.SeriesSource;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Some tenants' metrics as a PromQL {@link SeriesSource}: a scan of the {@code metrics} table
 * (Iceberg snapshot and WAL tail) whose OTLP points become Prometheus series as Prometheus's own
 * OTLP receiver would make them. Each stored series is translated and matched once; its points are
 * put in time order, delta points summed into cumulative ones, then turned into samples. The same
 * scan gives the exemplars of the points ({@link #exemplars}).
 */
public final class ScanSeriesSource implements SeriesSource {
  /** The label holding the metric name. */
  private static final String METRIC_NAME = "__name__";
  private static final String TARGET_INFO = "target_info";

  private final SignalScanner scanner;
  private final Set<String> tenants;
  private final PrometheusTranslator translator;
  private final QueryContext context;

  /** @param context the query the source serves: its scans stop with it */
  public ScanSeriesSource(
      SignalScanner scanner, Set<String> tenants, PrometheusTranslator translator, QueryContext context) {
    this.scanner = scanner;
    this.tenants = Set.copyOf(tenants);
    this.translator = translator;
    this.context = context;
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    SeriesMatcher matcher = SeriesMatcher.of(matchers);
    Samples samples = new Samples(matcher);
    scan(minTimeMs, maxTimeMs, MetricRows.COLUMNS, metricName(matchers), samples);
    return samples.series();
  }

  /**
   * The Prometheus exemplars of the series that any of {@code selectors} matches, recorded between
   * {@code minTimeMs} and {@code maxTimeMs} (inclusive) and found on the points of that range, by
   * series then time, as Prometheus's {@code /api/v1/query_exemplars} selects them.
   */
  public List<PrometheusExemplar> exemplars(List<List<LabelMatcher>> selectors, long minTimeMs, long maxTimeMs) {
    List<SeriesMatcher> matchers = selectors.stream().map(SeriesMatcher::of).toList();
    ExemplarsOf exemplars = new ExemplarsOf(matchers, minTimeMs, maxTimeMs);
    scan(minTimeMs, maxTimeMs, MetricRows.EXEMPLAR_COLUMNS, null, exemplars);
    return exemplars.sorted();
  }

  /**
   * Scans the range; with {@code metricName}, rows of metrics that cannot produce that name are
   * dropped before their values are decoded.
   */
  private void scan(long minTimeMs, long maxTimeMs, String[] columns, String metricName, Translated consumer) {
    ScanRequest.Builder request =
        ScanRequest.builder(Signal.METRICS)
            .tenants(tenants)
            .timeRange(minTimeMs * 1_000_000L, Math.addExact(maxTimeMs, 1) * 1_000_000L)
            .columns(columns)
            .context(context);
    if (metricName != null && !metricName.equals(TARGET_INFO)) {
      request.labelFilter(text -> translator.mayProduce(Labels.parse(text).get(METRIC_NAME), metricName));
    }
    scanner.scan(request.build(), consumer);
  }

  /** The metric name an equality matcher asks for, or null. */
  private static String metricName(List<LabelMatcher> matchers) {
    for (LabelMatcher matcher : matchers) {
      if (matcher.name().equals(METRIC_NAME) && matcher.type() == MatchType.EQUAL) {
        return matcher.value();
      }
    }
    return null;
  }

  /** One stored series: its identity, its translation and, when it may match, its points. */
  private static final class Stored {
    final SeriesIdentity identity;
    final TranslatedSeries translated;
    final boolean candidate;
    final List<MetricPoint> points = new ArrayList<>();

    Stored(SeriesIdentity identity, TranslatedSeries translated, boolean candidate) {
      this.identity = identity;
      this.translated = translated;
      this.candidate = candidate;
    }
  }

  /**
   * Translates each stored series once, and hands each row to {@link #row} with its series, which is a
   * candidate when some Prometheus series of its translation may match.
   */
  private abstract class Translated implements BatchConsumer {
    private final List<SeriesMatcher> matchers;
    final Map<MetricRows.IdentityKey, Stored> stored = new LinkedHashMap<>();

    Translated(List<SeriesMatcher> matchers) {
      this.matchers = matchers;
    }

    @Override
    public void accept(ColumnBatch batch) {
      for (int row = 0; row < batch.size(); row++) {
        MetricRows.IdentityKey key = MetricRows.identityKey(batch, row);
        Stored series = stored.get(key);
        if (series == null) {
          SeriesIdentity identity = MetricRows.identity(batch, row);
          TranslatedSeries translated = translator.translate(identity);
          series = new Stored(identity, translated, mayMatch(translated));
          stored.put(key, series);
        }
        row(series, batch, row);
      }
    }

    abstract void row(Stored series, ColumnBatch batch, int row);

    /** Whether any series of the translation can match: labels and name, before the point labels. */
    private boolean mayMatch(TranslatedSeries translated) {
      for (Labels labels : translated.series()) {
        for (SeriesMatcher matcher : matchers) {
          if (matcher.matches(labels, List.of("le", "quantile"))) {
            return true;
          }
        }
      }
      return false;
    }

    boolean matches(Labels labels) {
      for (SeriesMatcher matcher : matchers) {
        if (matcher.matches(labels)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void reset() {
      stored.clear();
    }
  }

  /** The points of the stored series that may match, grouped by series, then their samples. */
  private final class Samples extends Translated {
    private final SeriesMatcher matcher;
    private final boolean wantsTargetInfo;

    Samples(SeriesMatcher matcher) {
      super(List.of(matcher));
      this.matcher = matcher;
      this.wantsTargetInfo = matcher.matches(Labels.of(METRIC_NAME, TARGET_INFO), List.of());
    }

    @Override
    void row(Stored series, ColumnBatch batch, int row) {
      if (series.candidate || wantsTargetInfo && !series.translated.targetInfo().isEmpty()) {
        series.points.add(MetricRows.point(series.identity, batch, row));
      }
    }

    List<Series> series() {
      Collector collector = new Collector(matcher);
      TargetInfoSamples targetInfo = new TargetInfoSamples();
      for (Stored series : stored.values()) {
        series.points.sort(Comparator.comparingLong(MetricPoint::timeNanos));
        DeltaToCumulative cumulative = new DeltaToCumulative();
        for (MetricPoint point : series.points) {
          if (wantsTargetInfo) {
            targetInfo.add(series.translated, point.timeNanos());
          }
          if (series.candidate) {
            cumulative.accept(point).ifPresent(p -> translator.emit(series.translated, p, collector));
          }
        }
      }
      if (wantsTargetInfo) {
        targetInfo.emit(collector);
      }
      return collector.series();
    }
  }

  /** The exemplars, in the time range, of the points of the series that may match. */
  private final class ExemplarsOf extends Translated {
    private final long minTimeMs;
    private final long maxTimeMs;
    private final List<PrometheusExemplar> found = new ArrayList<>();

    ExemplarsOf(List<SeriesMatcher> matchers, long minTimeMs, long maxTimeMs) {
      super(matchers);
      this.minTimeMs = minTimeMs;
      this.maxTimeMs = maxTimeMs;
    }

    @Override
    void row(Stored series, ColumnBatch batch, int row) {
      if (!series.candidate) {
        return;
      }
      List<Exemplar> exemplars = MetricRows.exemplars(batch, row);
      if (exemplars.isEmpty()) {
        return;
      }
      MetricPoint point = MetricRows.point(series.identity, batch, row);
      for (PrometheusExemplar exemplar : translator.exemplars(series.translated, point, exemplars)) {
        if (exemplar.timestampMillis() >= minTimeMs && exemplar.timestampMillis() <= maxTimeMs
            && matches(exemplar.series())) {
          found.add(exemplar);
        }
      }
    }

    @Override
    public void reset() {
      super.reset();
      found.clear();
    }

    List<PrometheusExemplar> sorted() {
      List<PrometheusExemplar> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparing(PrometheusExemplar::series).thenComparingLong(PrometheusExemplar::timestampMillis));
      return sorted;
    }
  }

  /** Keeps the samples of the series that match, by series. */
  private static final class Collector implements SampleSink {
    private final SeriesMatcher matcher;
    private final Map<Labels, List<Sample>> samples = new HashMap<>();

    Collector(SeriesMatcher matcher) {
      this.matcher = matcher;
    }

    @Override
    public void sample(Labels labels, long timestampMillis, double value) {
      if (matcher.matches(labels)) {
        samples.computeIfAbsent(labels, unused -> new ArrayList<>()).add(Sample.of(timestampMillis, value));
      }
    }

    @Override
    public void histogram(Labels labels, long timestampMillis, NativeHistogram histogram) {
      if (matcher.matches(labels)) {
        samples.computeIfAbsent(labels, unused -> new ArrayList<>())
            .add(histogram.isStale()
                ? Sample.of(timestampMillis, Sample.STALE_NAN)
                : Sample.of(timestampMillis, floatHistogram(histogram)));
      }
    }

    @Override
    public void dropped(MetricPoint point, String reason) {
      // Prometheus drops such points too (a scale below -4): there is no sample to give.
    }

    List<Series> series() {
      List<Series> series = new ArrayList<>(samples.size());
      samples.forEach((labels, points) -> {
        points.sort(Comparator.comparingLong(Sample::timestampMs));
        List<Sample> unique = new ArrayList<>(points.size());
        for (Sample sample : points) {
          // Two points at one millisecond: the later one read wins, as a Prometheus append would.
          if (!unique.isEmpty() && unique.get(unique.size() - 1).timestampMs() == sample.timestampMs()) {
            unique.set(unique.size() - 1, sample);
          } else {
            unique.add(sample);
          }
        }
        series.add(new Series(labels, unique));
      });
      return series;
    }
  }

  static FloatHistogram floatHistogram(NativeHistogram histogram) {
    Map<Integer, Double> positive = new HashMap<>();
    double[] positiveBuckets = histogram.positiveBuckets();
    for (int i = 0; i < positiveBuckets.length; i++) {
      if (positiveBuckets[i] != 0) {
        positive.put(histogram.positiveOffset() + i, positiveBuckets[i]);
      }
    }
    Map<Integer, Double> negative = new HashMap<>();
    double[] negativeBuckets = histogram.negativeBuckets();
    for (int i = 0; i < negativeBuckets.length; i++) {
      if (negativeBuckets[i] != 0) {
        negative.put(histogram.negativeOffset() + i, negativeBuckets[i]);
      }
    }
    return new FloatHistogram(
        histogram.schema(), histogram.zeroThreshold(), histogram.zeroCount(), histogram.count(), histogram.sum(),
        positive, negative, null, FloatHistogram.CounterResetHint.UNKNOWN);
  }
}
