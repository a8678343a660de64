package dev.floe.promql.engine;

import dev.floe.promql.Expr;
import java.util.List;
import java.util.function.Function;

/** One series' samples within a range function's window, with the annotations about them. */
final class SeriesWindow {
  private final Series series;
  private final Evaluator.RangeArg range;
  private final long t;
  private final Annotations annotations;
  private final Expr node;
  private List<Sample> floats;

  SeriesWindow(Series series, Evaluator.RangeArg range, long t, Annotations annotations, Expr node) {
    this.node = node;
    this.series = series;
    this.range = range;
    this.t = t;
    this.annotations = annotations;
  }

  List<Sample> samples() {
    return series.samples();
  }

  List<Sample> floatSamples() {
    if (floats == null) {
      floats = series.samples().stream().filter(s -> !s.isHistogram()).toList();
    }
    return floats;
  }

  long startMs() {
    return range.startMs();
  }

  long endMs() {
    return range.endMs();
  }

  /** Whether the window has boundary points of an anchored or smoothed selector. */
  boolean extended() {
    return range.extended();
  }

  long time() {
    return t;
  }

  String metricName() {
    return series.labels().get(Names.METRIC_NAME);
  }

  Annotations annotations() {
    return annotations;
  }

  void warn(String message) {
    annotations.warn(message, node);
  }

  void info(String message) {
    annotations.info(message, node);
  }

  Expr node() {
    return node;
  }

  boolean hasHistograms() {
    return floatSamples().size() < series.samples().size();
  }

  /**
   * A float-only function's result: histograms are left out, with an info when floats remain; no
   * result when none do or the function gives {@code null}.
   */
  Sample floatsOrIgnoreHistograms(Function<double[], Double> function) {
    List<Sample> f = floatSamples();
    if (f.isEmpty()) {
      return null;
    }
    if (hasHistograms()) {
      info("ignored histograms in a range containing both floats and histograms for metric name \""
          + metricName() + "\"");
    }
    Double result = function.apply(f.stream().mapToDouble(Sample::value).toArray());
    return result == null ? null : Sample.of(t, result);
  }

  void warnMixed() {
    warn("encountered a mix of histograms and floats for metric name \"" + metricName() + "\"");
  }
}
