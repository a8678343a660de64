package dev.floe.promql.engine;

import dev.floe.promql.engine.FloatHistogram.CounterResetHint;
import java.util.List;

/** rate, increase and delta (extrapolated to the window), and irate and idelta (from the last two samples). */
final class Rates {
  private Rates() {}

  static Sample extrapolated(SeriesWindow w, boolean counter, boolean rate) {
    List<Sample> samples = w.samples();
    if (samples.size() < 2) {
      return null;
    }
    boolean histograms = samples.get(0).isHistogram();
    if (w.hasHistograms() && !w.floatSamples().isEmpty()) {
      w.warnMixed();
      return null;
    }
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    double resultFloat = 0;
    FloatHistogram resultHistogram = null;
    if (histograms) {
      resultHistogram = histogramIncrease(w, counter);
      if (resultHistogram == null) {
        return null;
      }
    } else {
      if (counter) {
        checkCounterName(w);
      }
      resultFloat = last.value() - first.value();
      if (counter) {
        for (int i = 1; i < samples.size(); i++) {
          if (samples.get(i).value() < samples.get(i - 1).value()) {
            resultFloat += samples.get(i - 1).value();
          }
        }
      }
    }
    if (w.extended()) {
      // Boundary points make the samples span the window: nothing to extrapolate.
      double factor = rate ? 1000.0 / (w.endMs() - w.startMs()) : 1;
      return histograms ? Sample.of(w.time(), resultHistogram.scale(factor)) : Sample.of(w.time(), resultFloat * factor);
    }
    double sampledInterval = (last.timestampMs() - first.timestampMs()) / 1000.0;
    double averageInterval = sampledInterval / (samples.size() - 1);
    double threshold = averageInterval * 1.1;
    double toStart = (first.timestampMs() - w.startMs()) / 1000.0;
    double toEnd = (w.endMs() - last.timestampMs()) / 1000.0;
    if (toStart >= threshold) {
      toStart = averageInterval / 2;
    }
    if (counter) {
      // A counter cannot have been below zero: do not extrapolate further back than where it was zero.
      double firstValue = histograms ? first.histogram().count() : first.value();
      double increase = histograms ? resultHistogram.count() : resultFloat;
      if (increase > 0 && firstValue >= 0) {
        toStart = Math.min(toStart, sampledInterval * (firstValue / increase));
      }
    }
    if (toEnd >= threshold) {
      toEnd = averageInterval / 2;
    }
    double factor = (sampledInterval + toStart + toEnd) / sampledInterval;
    if (rate) {
      factor /= (w.endMs() - w.startMs()) / 1000.0;
    }
    return histograms ? Sample.of(w.time(), resultHistogram.scale(factor)) : Sample.of(w.time(), resultFloat * factor);
  }

  /** last - first of native histograms, adding back what counter resets took away. */
  private static FloatHistogram histogramIncrease(SeriesWindow w, boolean counter) {
    List<Sample> samples = w.samples();
    FloatHistogram first = samples.get(0).histogram();
    FloatHistogram last = samples.get(samples.size() - 1).histogram();
    for (Sample sample : samples) {
      if (sample.histogram().usesCustomBuckets() != first.usesCustomBuckets()) {
        w.warn("vector contains a mix of histograms with exponential and custom buckets schemas "
            + "for metric name \"" + w.metricName() + "\"");
        return null;
      }
    }
    if (counter && first.hint() == CounterResetHint.GAUGE) {
      w.warn("this native histogram metric is not a counter: \"" + w.metricName() + "\"");
    }
    if (!counter && last.hint() != CounterResetHint.GAUGE) {
      w.warn("this native histogram metric is not a gauge: \"" + w.metricName() + "\"");
    }
    FloatHistogram.Combined diff = last.combine(first, true);
    boolean reconciled = diff.reconciledCustomBuckets();
    FloatHistogram result = diff.histogram();
    if (counter) {
      FloatHistogram prev = first;
      for (int i = 1; i < samples.size(); i++) {
        FloatHistogram cur = samples.get(i).histogram();
        if (cur.isResetAfter(prev)) {
          FloatHistogram.Combined sum = result.combine(prev, false);
          reconciled |= sum.reconciledCustomBuckets();
          result = sum.histogram();
        }
        prev = cur;
      }
    }
    if (reconciled) {
      w.info("mismatched custom buckets were reconciled during subtraction");
    }
    return result.withHint(CounterResetHint.GAUGE);
  }

  private static void checkCounterName(SeriesWindow w) {
    String name = w.metricName();
    if (!name.isEmpty() && !name.endsWith("_total") && !name.endsWith("_sum") && !name.endsWith("_count")
        && !name.endsWith("_bucket")) {
      w.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \""
          + name + "\"");
    }
  }

  static Sample instant(SeriesWindow w, boolean rate) {
    List<Sample> samples = w.samples();
    if (samples.size() < 2) {
      return null;
    }
    Sample last = samples.get(samples.size() - 1);
    Sample previous = samples.get(samples.size() - 2);
    if (last.isHistogram() != previous.isHistogram()) {
      w.warnMixed();
      return null;
    }
    double seconds = (last.timestampMs() - previous.timestampMs()) / 1000.0;
    if (seconds == 0) {
      return null;
    }
    if (last.isHistogram()) {
      // For irate a change of bucket kind is a counter reset; idelta cannot subtract across it.
      if (!rate && last.histogram().usesCustomBuckets() != previous.histogram().usesCustomBuckets()) {
        w.warn("vector contains a mix of histograms with exponential and custom buckets schemas for metric name \""
            + w.metricName() + "\"");
        return null;
      }
      FloatHistogram h;
      if (rate) {
        if (last.histogram().hint() == CounterResetHint.GAUGE || previous.histogram().hint() == CounterResetHint.GAUGE) {
          w.warn("this native histogram metric is not a counter: \"" + w.metricName() + "\"");
        }
        h = last.histogram().isResetAfter(previous.histogram()) ? last.histogram()
            : last.histogram().combine(previous.histogram(), true).histogram();
        h = h.scale(1 / seconds);
      } else {
        if (last.histogram().hint() != CounterResetHint.GAUGE || previous.histogram().hint() != CounterResetHint.GAUGE) {
          w.warn("this native histogram metric is not a gauge: \"" + w.metricName() + "\"");
        }
        h = last.histogram().combine(previous.histogram(), true).histogram();
      }
      return Sample.of(w.time(), h.withHint(CounterResetHint.GAUGE));
    }
    double result;
    if (rate) {
      result = last.value() < previous.value() ? last.value() : last.value() - previous.value();
      result /= seconds;
    } else {
      result = last.value() - previous.value();
    }
    return Sample.of(w.time(), result);
  }
}
