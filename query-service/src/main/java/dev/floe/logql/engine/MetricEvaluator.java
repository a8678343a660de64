package dev.floe.logql.engine;

import dev.floe.logql.Grouping;
import dev.floe.logql.MetricExpr;
import dev.floe.logql.MetricExpr.BinaryExpr;
import dev.floe.logql.MetricExpr.LabelReplace;
import dev.floe.logql.MetricExpr.Literal;
import dev.floe.logql.MetricExpr.RangeAggregation;
import dev.floe.logql.MetricExpr.VectorAggregation;
import dev.floe.logql.MetricExpr.VectorLiteral;
import dev.floe.logql.RangeOp;
import dev.floe.logql.VectorOp;
import dev.floe.logql.engine.Operand.Constant;
import dev.floe.logql.engine.Operand.Vectors;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Evaluates a metric expression bottom-up, every node at every step of the query. */
final class MetricEvaluator {
  /** Range aggregations of lines whose value over a union of series is the sum of their values. */
  private static final Set<RangeOp> ADDITIVE =
      EnumSet.of(RangeOp.COUNT_OVER_TIME, RangeOp.RATE, RangeOp.BYTES_OVER_TIME, RangeOp.BYTES_RATE);

  private final Evaluation evaluation;
  private final Steps steps;
  /** Each distinct range aggregation is read once, however often the query repeats it. */
  private final Map<RangeAggregation, List<List<Sample>>> ranges = new HashMap<>();

  MetricEvaluator(Evaluation evaluation, Steps steps) {
    this.evaluation = evaluation;
    this.steps = steps;
  }

  Operand evaluate(MetricExpr expr) {
    evaluation.checkDeadline();
    if (expr instanceof RangeAggregation range) {
      List<List<Sample>> vectors = ranges.get(range);
      if (vectors == null) {
        vectors = RangeAggregationEvaluator.evaluate(evaluation, range, steps);
        ranges.put(range, vectors);
      }
      return new Vectors(vectors);
    }
    if (expr instanceof VectorAggregation aggregation) {
      return aggregate(aggregation);
    }
    if (expr instanceof BinaryExpr binary) {
      return BinaryEvaluator.apply(binary, evaluate(binary.left()), evaluate(binary.right()));
    }
    if (expr instanceof Literal literal) {
      return new Constant(literal.value());
    }
    if (expr instanceof VectorLiteral literal) {
      return new Vectors(everyStep((index, time) -> List.of(new Sample(Labels.EMPTY, time, literal.value()))));
    }
    LabelReplace replace = (LabelReplace) expr;
    LabelReplacer replacer = new LabelReplacer(replace);
    Vectors inner = vectors(evaluate(replace.inner()), "label_replace");
    return new Vectors(everyStep((index, time) -> replacer.apply(inner.steps().get(index))));
  }

  private Operand aggregate(VectorAggregation aggregation) {
    if (aggregation.op() == VectorOp.APPROX_TOPK && steps.step() != 0) {
      throw LogqlQueryException.badRequest("count min sketches are only supported on instant queries");
    }
    VectorAggregator aggregator = new VectorAggregator(aggregation);
    Vectors inner = vectors(evaluate(groupedInner(aggregation)), aggregation.op().function());
    return new Vectors(everyStep((index, time) -> aggregator.apply(inner.steps().get(index), time)));
  }

  /**
   * The aggregation's inner expression, grouped like the sum when the sum adds up counts or byte sizes of lines:
   * summing those per label set equals counting per group. The range aggregation then keeps one series per group
   * instead of one per label set, which with structured metadata such as trace ids can be one per line.
   */
  private static MetricExpr groupedInner(VectorAggregation aggregation) {
    if (aggregation.op() == VectorOp.SUM
        && aggregation.inner() instanceof RangeAggregation range
        && range.grouping() == null
        && range.range().log().unwrap() == null
        && ADDITIVE.contains(range.op())) {
      Grouping grouping = aggregation.grouping() == null ? new Grouping(false, List.of()) : aggregation.grouping();
      return new RangeAggregation(range.op(), range.parameter(), range.range(), grouping);
    }
    return aggregation.inner();
  }

  private static Vectors vectors(Operand operand, String function) {
    if (operand instanceof Vectors vectors) {
      return vectors;
    }
    throw LogqlQueryException.badRequest(function + " expects a vector, not a number");
  }

  /** The vectors {@code step.apply(stepIndex, time)} makes for each step. */
  private List<List<Sample>> everyStep(BiFunction<Integer, Long, List<Sample>> step) {
    List<List<Sample>> vectors = new ArrayList<>(steps.count());
    for (int i = 0; i < steps.count(); i++) {
      evaluation.checkDeadline();
      vectors.add(step.apply(i, steps.time(i)));
    }
    return vectors;
  }
}
