package dev.floe.traceql.engine;

import dev.floe.traceql.MetricsExpr;
import dev.floe.traceql.MetricsFunction;
import dev.floe.traceql.Operator;
import dev.floe.traceql.SecondStage;
import dev.floe.traceql.Static;
import dev.floe.traceql.TraceqlQuery;
import dev.floe.traceql.Values;
import dev.floe.traces.TraceRequest;
import dev.floe.traces.TraceSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a TraceQL metrics query: each pipeline reads the traces of the range once and feeds the spans it
 * returns to its function; second stages ({@code topk}, {@code bottomk}, value filters) and arithmetic
 * between parenthesised queries and scalars follow, with Tempo's label matching (an unlabeled side
 * broadcasts; division by zero is NaN).
 */
public final class TraceqlMetrics {
  /** Limits of one query. */
  public record Limits(int exemplars, int maxSeries) {}

  /** The series, and how much was read. */
  public record Result(List<MetricsSeries> series, long inspectedTraces, long inspectedSpans) {}

  private final TraceSource source;
  private final List<String> tenants;
  private final MetricsRange range;
  private final Limits limits;
  private final Runnable checkpoint;
  private long inspectedTraces;
  private long inspectedSpans;

  private TraceqlMetrics(TraceSource source, List<String> tenants, MetricsRange range, Limits limits, Runnable checkpoint) {
    this.source = source;
    this.tenants = tenants;
    this.range = range;
    this.limits = limits;
    this.checkpoint = checkpoint;
  }

  /**
   * @param checkpoint called once per trace read; it throws to stop the query (deadline or cancellation)
   */
  public static Result run(
      TraceqlQuery query, TraceSource source, List<String> tenants, MetricsRange range, Limits limits, Runnable checkpoint) {
    if (!query.isMetrics()) {
      throw new TraceqlQueryException("not a metrics query: it needs a metrics function such as | rate()");
    }
    TraceqlMetrics run = new TraceqlMetrics(source, tenants, range, limits, checkpoint);
    Object value = run.evaluate(query.metrics());
    if (value instanceof Static) {
      throw new TraceqlQueryException("a metrics query must read spans; it cannot be only a number");
    }
    @SuppressWarnings("unchecked")
    List<MetricsSeries> series = (List<MetricsSeries>) value;
    return new Result(series, run.inspectedTraces, run.inspectedSpans);
  }

  /** A list of series, or a {@link Static} for a scalar. */
  private Object evaluate(MetricsExpr expr) {
    if (expr instanceof MetricsExpr.Scalar) {
      MetricsExpr.Scalar s = (MetricsExpr.Scalar) expr;
      return s.integer() ? Static.ofInt((long) s.value()) : Static.ofFloat(s.value());
    }
    if (expr instanceof MetricsExpr.Query) {
      MetricsExpr.Query q = (MetricsExpr.Query) expr;
      return stages(read(q), q.stages());
    }
    if (expr instanceof MetricsExpr.Staged) {
      Object inner = evaluate(((MetricsExpr.Staged) expr).expr());
      if (inner instanceof Static) {
        throw new TraceqlQueryException("second stages apply to series, not to a number");
      }
      @SuppressWarnings("unchecked")
      List<MetricsSeries> series = (List<MetricsSeries>) inner;
      return stages(series, ((MetricsExpr.Staged) expr).stages());
    }
    MetricsExpr.Math math = (MetricsExpr.Math) expr;
    return math(math.op(), evaluate(math.lhs()), evaluate(math.rhs()));
  }

  private List<MetricsSeries> read(MetricsExpr.Query query) {
    if (query.aggregate().function() == MetricsFunction.COMPARE) {
      CompareAggregator compare = new CompareAggregator(query.aggregate(), range, limits.maxSeries());
      scan(query, compare::observe);
      return compare.result();
    }
    MetricsAggregator aggregator = new MetricsAggregator(query.aggregate(), range, limits.exemplars(), limits.maxSeries());
    scan(query, aggregator::observe);
    return aggregator.result();
  }

  /** Feeds {@code sink} each span the query's pipeline returns, once per span. */
  private void scan(MetricsExpr.Query query, Consumer<SpanRow> sink) {
    SpansetEvaluator evaluator = new SpansetEvaluator();
    TraceRequest request = SourceHints.apply(
        query.pipeline(), TraceRequest.of(tenants, range.readStartNanos(), range.readEndNanos()));
    source.traces(request, trace -> {
      checkpoint.run();
      inspectedTraces++;
      inspectedSpans += trace.spans().size();
      TraceView view = TraceView.of(trace);
      Set<SpanRow> spans = new LinkedHashSet<>();
      for (Spanset set : evaluator.evaluate(query.pipeline(), view)) {
        spans.addAll(set.spans());
      }
      for (SpanRow row : spans) {
        sink.accept(row);
      }
      return true;
    });
  }

  private static List<MetricsSeries> stages(List<MetricsSeries> series, List<SecondStage> stages) {
    List<MetricsSeries> current = series;
    for (SecondStage stage : stages) {
      current = stage instanceof SecondStage.TopK ? topK((SecondStage.TopK) stage, current) : filter((SecondStage.Filter) stage, current);
    }
    return current;
  }

  private static List<MetricsSeries> filter(SecondStage.Filter filter, List<MetricsSeries> series) {
    List<MetricsSeries> out = new ArrayList<>();
    for (MetricsSeries s : series) {
      double[] values = s.values().clone();
      for (int i = 0; i < values.length; i++) {
        if (!Double.isNaN(values[i])
            && !Values.compare(filter.op(), Static.ofFloat(values[i]), Static.ofFloat(filter.threshold()), null)) {
          values[i] = Double.NaN;
        }
      }
      out.add(new MetricsSeries(s.labels(), values, s.exemplars()));
    }
    return out;
  }

  /** Keeps, at each timestamp, the k highest (or lowest) samples, as Prometheus' topk does per step. */
  private static List<MetricsSeries> topK(SecondStage.TopK topK, List<MetricsSeries> series) {
    if (series.isEmpty()) {
      return series;
    }
    int intervals = series.get(0).values().length;
    List<double[]> values = new ArrayList<>();
    for (MetricsSeries s : series) {
      double[] v = new double[intervals];
      Arrays.fill(v, Double.NaN);
      values.add(v);
    }
    for (int i = 0; i < intervals; i++) {
      final int at = i;
      List<Integer> order = new ArrayList<>();
      for (int s = 0; s < series.size(); s++) {
        if (!Double.isNaN(series.get(s).values()[i])) {
          order.add(s);
        }
      }
      order.sort((a, b) -> topK.bottom()
          ? Double.compare(series.get(a).values()[at], series.get(b).values()[at])
          : Double.compare(series.get(b).values()[at], series.get(a).values()[at]));
      for (int r = 0; r < Math.min(topK.k(), order.size()); r++) {
        values.get(order.get(r))[i] = series.get(order.get(r)).values()[i];
      }
    }
    List<MetricsSeries> out = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      out.add(new MetricsSeries(series.get(s).labels(), values.get(s), series.get(s).exemplars()));
    }
    return out;
  }

  private static Object math(Operator op, Object lhs, Object rhs) {
    if (lhs instanceof Static && rhs instanceof Static) {
      return Values.arithmetic(op, (Static) lhs, (Static) rhs);
    }
    if (lhs instanceof Static || rhs instanceof Static) {
      boolean scalarLeft = lhs instanceof Static;
      double scalar = ((Static) (scalarLeft ? lhs : rhs)).asDouble();
      @SuppressWarnings("unchecked")
      List<MetricsSeries> series = (List<MetricsSeries>) (scalarLeft ? rhs : lhs);
      List<MetricsSeries> out = new ArrayList<>();
      for (MetricsSeries s : series) {
        double[] values = new double[s.values().length];
        for (int i = 0; i < values.length; i++) {
          values[i] = scalarLeft ? apply(op, scalar, s.values()[i]) : apply(op, s.values()[i], scalar);
        }
        out.add(new MetricsSeries(s.labels(), values, s.exemplars()));
      }
      return out;
    }
    @SuppressWarnings("unchecked")
    List<MetricsSeries> left = (List<MetricsSeries>) lhs;
    @SuppressWarnings("unchecked")
    List<MetricsSeries> right = (List<MetricsSeries>) rhs;
    Map<String, MetricsSeries> l = byKey(left);
    Map<String, MetricsSeries> r = byKey(right);
    Map<String, MetricsSeries> target = r.containsKey("") ? l : r;
    List<MetricsSeries> out = new ArrayList<>();
    for (String key : target.keySet()) {
      MetricsSeries a = l.containsKey(key) ? l.get(key) : l.get("");
      MetricsSeries b = r.containsKey(key) ? r.get(key) : r.get("");
      if (a == null || b == null) {
        continue;
      }
      int n = Math.min(a.values().length, b.values().length);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = apply(op, a.values()[i], b.values()[i]);
      }
      List<MetricsSeries.Exemplar> exemplars = new ArrayList<>(a.exemplars());
      exemplars.addAll(b.exemplars());
      out.add(new MetricsSeries(mergeLabels(op, a, b), values, exemplars));
    }
    return out;
  }

  private static Map<String, MetricsSeries> byKey(List<MetricsSeries> series) {
    Map<String, MetricsSeries> out = new LinkedHashMap<>();
    for (MetricsSeries s : series) {
      out.put(s.matchKey(), s);
    }
    return out;
  }

  private static List<Map.Entry<String, Static>> mergeLabels(Operator op, MetricsSeries a, MetricsSeries b) {
    List<Map.Entry<String, Static>> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, Static> label : a.labels()) {
      if (!label.getKey().equals("__name__") && names.add(label.getKey())) {
        out.add(label);
      }
    }
    for (Map.Entry<String, Static> label : b.labels()) {
      if (!label.getKey().equals("__name__") && names.add(label.getKey())) {
        out.add(label);
      }
    }
    Static an = a.label("__name__");
    Static bn = b.label("__name__");
    if (an != null && bn != null) {
      out.add(0, MetricsAggregator.entry("__name__",
          Static.ofString("(" + an.asString() + " " + op.symbol() + " " + bn.asString() + ")")));
    }
    return out;
  }

  private static double apply(Operator op, double a, double b) {
    switch (op) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      default: return b == 0 ? Double.NaN : a / b;
    }
  }
}
