package dev.floe.promql.conformance;

import dev.floe.promql.PromqlParseException;
import dev.floe.promql.conformance.ScriptCommand.Eval;
import dev.floe.promql.conformance.ScriptCommand.Expectations;
import dev.floe.promql.engine.EngineOptions;
import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.InMemorySeriesSource;
import dev.floe.promql.engine.Matrix;
import dev.floe.promql.engine.PromqlEngine;
import dev.floe.promql.engine.PromqlEvalException;
import dev.floe.promql.engine.QueryResult;
import dev.floe.promql.engine.Sample;
import dev.floe.promql.engine.Scalar;
import dev.floe.promql.engine.Series;
import dev.floe.promql.engine.StringValue;
import dev.floe.promql.engine.Value;
import dev.floe.promql.engine.Vector;
import dev.floe.promql.engine.VectorSample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs a parsed test script against a fresh in-memory engine and reports each eval's outcome. */
final class ScriptRunner {
  private static final double EPSILON = 1e-6;

  private final InMemorySeriesSource source = new InMemorySeriesSource();
  private final PromqlEngine engine = new PromqlEngine(source, EngineOptions.defaults().withExperimentalFunctions(true));

  /** The evals' outcomes: {@code null} for a pass, else why it failed. */
  record Outcome(Eval eval, String failure) {}

  List<Outcome> run(List<ScriptCommand> commands) {
    List<Outcome> outcomes = new ArrayList<>();
    for (ScriptCommand command : commands) {
      if (command instanceof ScriptCommand.Clear) {
        source.clear();
      } else if (command instanceof ScriptCommand.Load load) {
        Map<Labels, List<Sample>> series = load.withNhcb() ? ClassicToNative.withNative(load.series()) : load.series();
        series.forEach((labels, samples) -> {
          for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample != null) {
              source.add(labels, new Sample(i * load.intervalMs(), sample.value(), sample.histogram()));
            }
          }
        });
      } else if (command instanceof Eval eval) {
        String failure;
        try {
          failure = check(eval);
        } catch (RuntimeException e) {
          failure = "harness or engine crash: " + e;
        }
        outcomes.add(new Outcome(eval, failure));
      }
    }
    return outcomes;
  }

  private String check(Eval eval) {
    Expectations expect = eval.expectations();
    QueryResult result;
    try {
      result = eval.range()
          ? engine.range(eval.expr(), eval.startMs(), eval.endMs(), eval.stepMs())
          : engine.instant(eval.expr(), eval.startMs());
    } catch (PromqlParseException | PromqlEvalException e) {
      if (!expect.fail()) {
        return "unexpected error: " + e.getMessage();
      }
      // The scripts give parse errors without the position prefix the parser adds.
      String message = e instanceof PromqlParseException ? e.getMessage().replaceFirst("^\\d+:\\d+: parse error: ", "")
          : e.getMessage();
      if (expect.failMessage() != null && !expect.failMessage().equals(message)
          && !expect.failMessage().equals(e.getMessage())) {
        return "expected error \"" + expect.failMessage() + "\", got \"" + e.getMessage() + "\"";
      }
      if (expect.failRegex() != null && !Pattern.compile(expect.failRegex()).matcher(e.getMessage()).find()) {
        return "expected error matching " + expect.failRegex() + ", got \"" + e.getMessage() + "\"";
      }
      return null;
    }
    if (expect.fail()) {
      return "expected an error, got " + result.value();
    }
    String annotations = checkAnnotations(expect, result.annotations().warnings(), expect.warn(), expect.noWarn(),
        expect.warnMessages(), expect.warnRegexes(), "warning");
    if (annotations == null) {
      annotations = checkAnnotations(expect, result.annotations().infos(), expect.info(), expect.noInfo(),
          expect.infoMessages(), expect.infoRegexes(), "info");
    }
    if (annotations != null) {
      return annotations;
    }
    return checkValue(eval, result.value());
  }

  private static String checkAnnotations(Expectations expect, List<String> actual, boolean wanted, boolean unwanted,
      List<String> messages, List<String> regexes, String kind) {
    if (wanted && actual.isEmpty()) {
      return "expected a " + kind + ", got none";
    }
    if (unwanted && !actual.isEmpty()) {
      return "expected no " + kind + ", got " + actual;
    }
    for (String message : messages) {
      if (!actual.contains(message)) {
        return "expected " + kind + " \"" + message + "\", got " + actual;
      }
    }
    for (String regex : regexes) {
      if (actual.stream().noneMatch(a -> Pattern.compile(regex).matcher(a).find())) {
        return "expected " + kind + " matching " + regex + ", got " + actual;
      }
    }
    return null;
  }

  private String checkValue(Eval eval, Value value) {
    Expectations expect = eval.expectations();
    if (expect.string() != null) {
      return value instanceof StringValue s && s.value().equals(expect.string()) ? null
          : "expected string \"" + expect.string() + "\", got " + value;
    }
    if (eval.expected().containsKey(null)) {
      double wanted = eval.expected().get(null).get(0).value();
      return value instanceof Scalar s && floatsEqual(wanted, s.value()) ? null
          : "expected scalar " + wanted + ", got " + value;
    }
    if (value instanceof Vector vector) {
      if (eval.range() || expect.rangeVector() != null) {
        return "expected a range result, got " + value;
      }
      return checkVector(eval, vector);
    }
    if (value instanceof Matrix matrix) {
      long start = eval.startMs();
      long step = eval.stepMs();
      if (expect.rangeVector() != null) {
        start = expect.rangeVector()[0];
        step = expect.rangeVector()[2];
      } else if (!eval.range()) {
        return "expected an instant vector, got a range vector";
      }
      return checkMatrix(eval, matrix, start, step);
    }
    return "expected a vector, got " + value;
  }

  private String checkVector(Eval eval, Vector vector) {
    Map<Labels, List<Sample>> expected = eval.expected();
    if (vector.samples().size() != expected.size()) {
      return "expected " + expected.size() + " samples, got " + vector.samples().size() + ": " + describe(vector);
    }
    for (int i = 0; i < vector.samples().size(); i++) {
      VectorSample sample = vector.samples().get(i);
      List<Sample> wanted = expected.get(sample.labels());
      if (wanted == null) {
        return "unexpected series " + sample.labels() + " in " + describe(vector);
      }
      if (eval.expectations().ordered() && !eval.expectedOrder().get(i).equals(sample.labels())) {
        return "expected " + eval.expectedOrder().get(i) + " at position " + i + ", got " + describe(vector);
      }
      if (!samplesEqual(wanted.get(0), sample.value(), sample.histogram())) {
        return "series " + sample.labels() + ": expected " + describe(wanted.get(0)) + ", got "
            + (sample.isHistogram() ? sample.histogram() : sample.value());
      }
    }
    return null;
  }

  private String checkMatrix(Eval eval, Matrix matrix, long start, long step) {
    Map<Labels, List<Sample>> expected = eval.expected();
    Map<Labels, Series> actual = new HashMap<>();
    matrix.series().forEach(s -> actual.put(s.labels(), s));
    if (!actual.keySet().equals(expected.keySet())) {
      return "expected series " + expected.keySet() + ", got " + actual.keySet();
    }
    for (Map.Entry<Labels, List<Sample>> entry : expected.entrySet()) {
      List<Sample> got = actual.get(entry.getKey()).samples();
      List<Sample> want = new ArrayList<>();
      for (int i = 0; i < entry.getValue().size(); i++) {
        Sample s = entry.getValue().get(i);
        if (s != null) {
          want.add(new Sample(start + i * step, s.value(), s.histogram()));
        }
      }
      if (got.size() != want.size()) {
        return "series " + entry.getKey() + ": expected " + want.size() + " points, got " + got.size() + ": " + got;
      }
      for (int i = 0; i < got.size(); i++) {
        Sample g = got.get(i);
        Sample w = want.get(i);
        if (g.timestampMs() != w.timestampMs() || !samplesEqual(w, g.value(), g.histogram())) {
          return "series " + entry.getKey() + ": expected " + describe(w) + " at " + w.timestampMs() + ", got "
              + (g.isHistogram() ? g.histogram() : g.value()) + " at " + g.timestampMs();
        }
      }
    }
    return null;
  }

  private static boolean samplesEqual(Sample wanted, double value, FloatHistogram histogram) {
    if (wanted.isHistogram() != (histogram != null)) {
      return false;
    }
    if (histogram != null) {
      FloatHistogram w = wanted.histogram();
      boolean hintOk = w.hint() != FloatHistogram.CounterResetHint.GAUGE || histogram.hint() == w.hint();
      return hintOk && w.approximatelyEquals(histogram, EPSILON);
    }
    return floatsEqual(wanted.value(), value);
  }

  static boolean floatsEqual(double expected, double actual) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (expected == actual) {
      return true;
    }
    double absSum = Math.abs(expected) + Math.abs(actual);
    double diff = Math.abs(expected - actual);
    if (expected == 0 || actual == 0 || absSum < Double.MIN_NORMAL) {
      return diff < EPSILON * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
  }

  private static String describe(Sample sample) {
    return sample.isHistogram() ? sample.histogram().toString() : Double.toString(sample.value());
  }

  private static String describe(Vector vector) {
    StringBuilder out = new StringBuilder("[");
    for (VectorSample s : vector.samples()) {
      out.append(s.labels()).append(' ').append(s.isHistogram() ? s.histogram() : s.value()).append("; ");
    }
    return out.append(']').toString();
  }
}
