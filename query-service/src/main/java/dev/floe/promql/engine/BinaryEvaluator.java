package dev.floe.promql.engine;

import dev.floe.promql.BinaryExpr;
import dev.floe.promql.VectorMatching;
import dev.floe.promql.VectorMatching.Cardinality;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators between scalars and instant vectors, with Prometheus's vector matching. */
final class BinaryEvaluator {
  private final Evaluator evaluator;
  private final BinaryExpr expr;

  private BinaryEvaluator(Evaluator evaluator, BinaryExpr expr) {
    this.evaluator = evaluator;
    this.expr = expr;
  }

  static Value eval(Evaluator evaluator, BinaryExpr expr, long t) {
    Value lhs = evaluator.eval(expr.lhs(), t);
    Value rhs = evaluator.eval(expr.rhs(), t);
    BinaryEvaluator binary = new BinaryEvaluator(evaluator, expr);
    if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
      SampleOps.Result result = binary.ops().apply(l.value(), null, r.value(), null);
      double value = expr.op().isComparison() ? (result.keep() ? 1 : 0) : result.value();
      return new Scalar(t, value);
    }
    if (lhs instanceof Vector l && rhs instanceof Scalar r) {
      return binary.vectorScalar(l, r.value(), false);
    }
    if (lhs instanceof Scalar l && rhs instanceof Vector r) {
      return binary.vectorScalar(r, l.value(), true);
    }
    Vector l = (Vector) lhs;
    Vector r = (Vector) rhs;
    return switch (expr.op()) {
      case AND -> binary.and(l, r);
      case OR -> binary.or(l, r);
      case UNLESS -> binary.unless(l, r);
      default -> binary.vectorVector(l, r);
    };
  }

  private SampleOps ops() {
    return new SampleOps(expr.op(), evaluator.annotations(), expr);
  }

  private boolean dropsName() {
    // Filters keep the name: comparisons without bool, and the histogram trims.
    return expr.returnBool() || !expr.op().isComparison() && !expr.op().isExperimental();
  }

  private Vector vectorScalar(Vector vector, double scalar, boolean scalarOnLeft) {
    SampleOps ops = ops();
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : vector.samples()) {
      SampleOps.Result result = scalarOnLeft
          ? ops.apply(scalar, null, sample.value(), sample.histogram())
          : ops.apply(sample.value(), sample.histogram(), scalar, null);
      if (result == null) {
        continue;
      }
      VectorSample computed;
      if (expr.op().isComparison()) {
        if (expr.returnBool()) {
          computed = sample.withValue(result.keep() ? 1 : 0);
        } else if (!result.keep()) {
          continue;
        } else {
          // A filter keeps the vector's own value even with the scalar on the left.
          computed = sample;
        }
      } else {
        computed = result.histogram() != null ? sample.withHistogram(result.histogram())
            : sample.withValue(result.value());
      }
      out.add(dropsName() ? computed.droppingName() : computed);
    }
    return new Vector(out);
  }

  private VectorMatching matching() {
    return expr.matching() != null ? expr.matching()
        : new VectorMatching(expr.op().isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE,
            List.of(), false, List.of());
  }

  /** The labels by which series of both sides are paired up. */
  private Labels signature(Labels labels) {
    VectorMatching matching = matching();
    if (matching.on()) {
      return labels.only(new HashSet<>(matching.labels()));
    }
    List<String> ignored = new ArrayList<>(matching.labels());
    ignored.addAll(Names.NAME_LABELS);
    return labels.without(ignored);
  }

  private Vector and(Vector lhs, Vector rhs) {
    Set<Labels> right = new HashSet<>();
    rhs.samples().forEach(s -> right.add(signature(s.labels())));
    return new Vector(lhs.samples().stream().filter(s -> right.contains(signature(s.labels()))).toList());
  }

  private Vector unless(Vector lhs, Vector rhs) {
    Set<Labels> right = new HashSet<>();
    rhs.samples().forEach(s -> right.add(signature(s.labels())));
    return new Vector(lhs.samples().stream().filter(s -> !right.contains(signature(s.labels()))).toList());
  }

  private Vector or(Vector lhs, Vector rhs) {
    Set<Labels> left = new HashSet<>();
    List<VectorSample> out = new ArrayList<>(lhs.samples());
    lhs.samples().forEach(s -> left.add(signature(s.labels())));
    rhs.samples().stream().filter(s -> !left.contains(signature(s.labels()))).forEach(out::add);
    return new Vector(out);
  }

  private Vector vectorVector(Vector lhs, Vector rhs) {
    VectorMatching matching = matching();
    boolean swapped = matching.cardinality() == Cardinality.ONE_TO_MANY;
    Vector many = swapped ? rhs : lhs;
    Vector one = swapped ? lhs : rhs;
    Map<Labels, VectorSample> oneSide = new LinkedHashMap<>();
    for (VectorSample sample : one.samples()) {
      VectorSample previous = oneSide.putIfAbsent(signature(sample.labels()), sample);
      if (previous != null) {
        throw duplicateSeries(signature(sample.labels()), previous, sample, swapped ? "left" : "right");
      }
    }
    // The experimental fill modifiers stand in for a side without a match.
    Double fillOne = expr.fill() == null ? null : swapped ? expr.fill().left() : expr.fill().right();
    Double fillMany = expr.fill() == null ? null : swapped ? expr.fill().right() : expr.fill().left();
    Pairing pairing = new Pairing(matching, swapped);
    Set<Labels> matched = new HashSet<>();
    for (VectorSample sample : many.samples()) {
      Labels signature = signature(sample.labels());
      VectorSample match = oneSide.get(signature);
      if (match == null && fillOne == null) {
        continue;
      }
      if (match == null) {
        match = new VectorSample(signature, sample.timestampMs(), fillOne, null, false);
      } else {
        matched.add(signature);
        pairing.checkOneToOne(signature);
      }
      pairing.add(sample, match);
    }
    if (fillMany != null) {
      oneSide.forEach((signature, sample) -> {
        if (!matched.contains(signature)) {
          pairing.add(new VectorSample(signature, sample.timestampMs(), fillMany, null, false), sample);
        }
      });
    }
    return new Vector(pairing.out);
  }

  /** The results of pairing samples of the "many" side with their match on the "one" side. */
  private final class Pairing {
    private final VectorMatching matching;
    private final boolean swapped;
    private final SampleOps ops = ops();
    private final Set<Labels> matchedOnce = new HashSet<>();
    private final Set<Labels> produced = new HashSet<>();
    private final List<VectorSample> out = new ArrayList<>();

    Pairing(VectorMatching matching, boolean swapped) {
      this.matching = matching;
      this.swapped = swapped;
    }

    void checkOneToOne(Labels signature) {
      if (matching.cardinality() == Cardinality.ONE_TO_ONE && !matchedOnce.add(signature)) {
        throw new PromqlEvalException("multiple matches for labels: many-to-one matching must be explicit "
            + "(group_left/group_right)");
      }
    }

    void add(VectorSample sample, VectorSample match) {
      VectorSample left = swapped ? match : sample;
      VectorSample right = swapped ? sample : match;
      SampleOps.Result result = ops.apply(left.value(), left.histogram(), right.value(), right.histogram());
      if (result == null || expr.op().isComparison() && !expr.returnBool() && !result.keep()) {
        return;
      }
      Labels labels = resultLabels(sample.labels(), match.labels(), matching);
      if (matching.cardinality() != Cardinality.ONE_TO_ONE && !produced.add(labels)) {
        throw new PromqlEvalException("multiple matches for labels: grouping labels must ensure unique matches");
      }
      VectorSample computed;
      if (expr.op().isComparison()) {
        computed = expr.returnBool()
            ? new VectorSample(labels, sample.timestampMs(), result.keep() ? 1 : 0, null, false)
            : new VectorSample(labels, sample.timestampMs(), left.value(), left.histogram(), false);
      } else {
        computed = new VectorSample(labels, sample.timestampMs(), result.value(), result.histogram(), false);
      }
      out.add(dropsName() ? computed.droppingName() : computed);
    }
  }

  private Labels resultLabels(Labels many, Labels one, VectorMatching matching) {
    Labels.Builder builder;
    if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
      builder = matching.on()
          ? many.only(new HashSet<>(matching.labels())).toBuilder()
          : many.without(matching.labels()).toBuilder();
    } else {
      builder = many.toBuilder();
    }
    for (String name : matching.include()) {
      builder.set(name, one.get(name));
    }
    return builder.build();
  }

  private PromqlEvalException duplicateSeries(Labels group, VectorSample first, VectorSample second, String side) {
    List<Labels> pair = new ArrayList<>(List.of(first.labels(), second.labels()));
    pair.sort(null);
    return new PromqlEvalException("found duplicate series for the match group " + group + " on the " + side
        + " hand-side of the operation: [" + pair.get(0) + ", " + pair.get(1)
        + "];many-to-many matching not allowed: matching labels must be unique on one side");
  }
}
