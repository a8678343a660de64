package dev.floe.query.metrics;

import dev.floe.prometheus.DeltaToCumulative;
import dev.floe.prometheus.MetricPoint;
import dev.floe.prometheus.NativeHistogram;
import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.prometheus.SampleSink;
import dev.floe.prometheus.SeriesIdentity;
import dev.floe.prometheus.TargetInfoSamples;
import dev.floe.prometheus.TranslatedSeries;
import dev.floe.promql.LabelMatcher;
import dev.floe.promql.MatchType;
import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.Sample;
import dev.floe.promql.engine.Series;
import dev.floe.promql.engine.SeriesSource;
import dev.floe.query.Labels;
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
 * put in time order, delta points summed into cumulative ones, then turned into samples.
 */
public final class ScanSeriesSource implements SeriesSource {
  /** The label holding the metric name. */
  private static final String METRIC_NAME = "__name__";
  private static final String TARGET_INFO = "target_info";

  private final SignalScanner scanner;
  private final Set<String> tenants;
  private final PrometheusTranslator translator;

  public ScanSeriesSource(SignalScanner scanner, Set<String> tenants, PrometheusTranslator translator) {
    this.scanner = scanner;
    this.tenants = Set.copyOf(tenants);
    this.translator = translator;
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    SeriesMatcher matcher = SeriesMatcher.of(matchers);
    Gathered gathered = new Gathered(matcher);
    ScanRequest.Builder request =
        ScanRequest.builder(Signal.METRICS)
            .tenants(tenants)
            .timeRange(minTimeMs * 1_000_000L, Math.addExact(maxTimeMs, 1) * 1_000_000L)
            .columns(MetricRows.COLUMNS);
    String name = metricName(matchers);
    if (name != null && !name.equals(TARGET_INFO)) {
      // Rows of other metrics are dropped before their values are decoded.
      request.labelFilter(text -> translator.mayProduce(Labels.parse(text).get(METRIC_NAME), name));
    }
    scanner.scan(request.build(), gathered);
    return gathered.series(matcher);
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

  /** One stored series: its translation and, when it may match, its points. */
  private static final class Stored {
    final TranslatedSeries translated;
    final boolean candidate;
    final List<MetricPoint> points = new ArrayList<>();

    Stored(TranslatedSeries translated, boolean candidate) {
      this.translated = translated;
      this.candidate = candidate;
    }
  }

  /** The points of the stored series that may match, grouped by series. */
  private final class Gathered implements BatchConsumer {
    private final SeriesMatcher matcher;
    private final boolean wantsTargetInfo;
    private final Map<MetricRows.IdentityKey, Stored> stored = new LinkedHashMap<>();

    Gathered(SeriesMatcher matcher) {
      this.matcher = matcher;
      this.wantsTargetInfo = matcher.matches(Labels.of(METRIC_NAME, TARGET_INFO), List.of());
    }

    @Override
    public void accept(ColumnBatch batch) {
      for (int row = 0; row < batch.size(); row++) {
        MetricRows.IdentityKey key = MetricRows.identityKey(batch, row);
        Stored series = stored.get(key);
        if (series == null) {
          SeriesIdentity identity = MetricRows.identity(batch, row);
          TranslatedSeries translated = translator.translate(identity);
          series = new Stored(translated, mayMatch(translated));
          stored.put(key, series);
        }
        if (series.candidate || wantsTargetInfo && !series.translated.targetInfo().isEmpty()) {
          series.points.add(MetricRows.point(seriesIdentity(series, batch, row), batch, row));
        }
      }
    }

    private SeriesIdentity seriesIdentity(Stored series, ColumnBatch batch, int row) {
      return series.points.isEmpty() ? MetricRows.identity(batch, row) : series.points.get(0).series();
    }

    /** Whether any series of the translation can match: labels and name, before the point labels. */
    private boolean mayMatch(TranslatedSeries translated) {
      for (Labels labels : translated.series()) {
        if (matcher.matches(labels, List.of("le", "quantile"))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void reset() {
      stored.clear();
    }

    List<Series> series(SeriesMatcher matcher) {
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
        // A stale histogram carries the stale marker in its sum, as the engine expects.
        samples.computeIfAbsent(labels, unused -> new ArrayList<>()).add(Sample.of(timestampMillis, floatHistogram(histogram)));
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
