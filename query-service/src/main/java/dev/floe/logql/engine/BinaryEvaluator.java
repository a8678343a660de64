package dev.floe.logql.engine;

import dev.floe.logql.BinaryOp;
import dev.floe.logql.MetricExpr.BinaryExpr;
import dev.floe.logql.VectorMatching;
import dev.floe.logql.VectorMatching.Cardinality;
import dev.floe.logql.engine.Operand.Constant;
import dev.floe.logql.engine.Operand.Vectors;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Binary operators with Prometheus's semantics: arithmetic and comparisons (filtering, or 0/1 with {@code
 * bool}) between numbers and vectors, vector matching with {@code on}/{@code ignoring} and {@code
 * group_left}/{@code group_right}, and the set operators {@code and}, {@code or}, {@code unless}.
 */
final class BinaryEvaluator {
  private static final VectorMatching ALL_LABELS =
      new VectorMatching(false, List.of(), Cardinality.ONE_TO_ONE, List.of());

  private final BinaryOp op;
  private final boolean returnBool;
  private final VectorMatching matching;

  private BinaryEvaluator(BinaryExpr expr) {
    this.op = expr.op();
    this.returnBool = expr.returnBool();
    this.matching = expr.matching() == null ? ALL_LABELS : expr.matching();
  }

  static Operand apply(BinaryExpr expr, Operand left, Operand right) {
    return new BinaryEvaluator(expr).apply(left, right);
  }

  private Operand apply(Operand left, Operand right) {
    if (left instanceof Constant l && right instanceof Constant r) {
      // Loki folds comparisons of two numbers to 0 or 1 whether or not bool is written.
      double value = op.isComparison() ? (compare(l.value(), r.value()) ? 1 : 0) : arithmetic(l.value(), r.value());
      return new Constant(value);
    }
    if (left instanceof Vectors l && right instanceof Constant r) {
      return perStep(l, vector -> withNumber(vector, r.value(), false));
    }
    if (left instanceof Constant l && right instanceof Vectors r) {
      return perStep(r, vector -> withNumber(vector, l.value(), true));
    }
    List<List<Sample>> lefts = ((Vectors) left).steps();
    List<List<Sample>> rights = ((Vectors) right).steps();
    List<List<Sample>> steps = new ArrayList<>(lefts.size());
    for (int i = 0; i < lefts.size(); i++) {
      steps.add(op.isSetOperation() ? setOperation(lefts.get(i), rights.get(i)) : matched(lefts.get(i), rights.get(i)));
    }
    return new Vectors(steps);
  }

  private static Vectors perStep(Vectors vectors, UnaryOperator<List<Sample>> step) {
    List<List<Sample>> steps = new ArrayList<>(vectors.steps().size());
    for (List<Sample> vector : vectors.steps()) {
      steps.add(step.apply(vector));
    }
    return new Vectors(steps);
  }

  /** Every sample against a number; a comparison keeps the vector's value whichever side it is on. */
  private List<Sample> withNumber(List<Sample> vector, double number, boolean numberOnLeft) {
    List<Sample> result = new ArrayList<>(vector.size());
    for (Sample sample : vector) {
      double left = numberOnLeft ? number : sample.value();
      double right = numberOnLeft ? sample.value() : number;
      Double value = combine(left, right, sample.value());
      if (value != null) {
        result.add(new Sample(sample.labels(), sample.timestampNanos(), value));
      }
    }
    return result;
  }

  /** Arithmetic or comparison between matched vectors, one-to-one or many-to-one. */
  private List<Sample> matched(List<Sample> lefts, List<Sample> rights) {
    boolean groupRight = matching.cardinality() == Cardinality.GROUP_RIGHT;
    List<Sample> many = groupRight ? rights : lefts;
    Map<Labels, Sample> one = new HashMap<>();
    for (Sample sample : groupRight ? lefts : rights) {
      Sample duplicate = one.put(signature(sample.labels()), sample);
      if (duplicate != null) {
        throw LogqlQueryException.execution(
            "found duplicate series for the match group "
                + signature(sample.labels())
                + " on the "
                + (groupRight ? "left" : "right")
                + " hand-side of the operation: ["
                + duplicate.labels()
                + ", "
                + sample.labels()
                + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Set<Labels> matchedSignatures = new HashSet<>();
    Set<Labels> produced = new HashSet<>();
    List<Sample> result = new ArrayList<>();
    for (Sample sample : many) {
      Labels signature = signature(sample.labels());
      Sample other = one.get(signature);
      if (other == null) {
        continue;
      }
      Sample left = groupRight ? other : sample;
      Sample right = groupRight ? sample : other;
      Double value = combine(left.value(), right.value(), left.value());
      if (value == null) {
        continue;
      }
      Labels labels = resultLabels(sample.labels(), other.labels());
      if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
        if (!matchedSignatures.add(signature)) {
          throw LogqlQueryException.execution(
              "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        }
      } else if (!produced.add(labels)) {
        throw LogqlQueryException.execution(
            "multiple matches for labels: grouping labels must ensure unique matches");
      }
      result.add(new Sample(labels, sample.timestampNanos(), value));
    }
    return result;
  }

  private List<Sample> setOperation(List<Sample> lefts, List<Sample> rights) {
    Set<Labels> rightSignatures = new HashSet<>();
    rights.forEach(sample -> rightSignatures.add(signature(sample.labels())));
    List<Sample> result = new ArrayList<>();
    switch (op) {
      case AND:
        lefts.stream().filter(sample -> rightSignatures.contains(signature(sample.labels()))).forEach(result::add);
        return result;
      case UNLESS:
        lefts.stream().filter(sample -> !rightSignatures.contains(signature(sample.labels()))).forEach(result::add);
        return result;
      default:
        Set<Labels> leftSignatures = new HashSet<>();
        lefts.forEach(sample -> leftSignatures.add(signature(sample.labels())));
        result.addAll(lefts);
        rights.stream().filter(sample -> !leftSignatures.contains(signature(sample.labels()))).forEach(result::add);
        return result;
    }
  }

  /** The labels two samples must share to match. */
  private Labels signature(Labels labels) {
    return matching.on() ? labels.only(matching.labels()) : labels.without(matching.labels());
  }

  /**
   * One-to-one results keep the matching labels ({@code on}) or drop the ignored ones; many-to-one results keep
   * the many side's labels and copy the {@code group_x} labels from the one side.
   */
  private Labels resultLabels(Labels many, Labels one) {
    if (matching.cardinality() == Cardinality.ONE_TO_ONE) {
      return signature(many);
    }
    Labels.Builder labels = many.toBuilder();
    for (String name : matching.include()) {
      labels.set(name, one.get(name));
    }
    return labels.build();
  }

  /** The result value, or {@code null} when a comparison without {@code bool} drops the sample. */
  private Double combine(double left, double right, double kept) {
    if (!op.isComparison()) {
      return arithmetic(left, right);
    }
    boolean holds = compare(left, right);
    if (returnBool) {
      return holds ? 1.0 : 0.0;
    }
    return holds ? kept : null;
  }

  private double arithmetic(double left, double right) {
    switch (op) {
      case ADD:
        return left + right;
      case SUB:
        return left - right;
      case MUL:
        return left * right;
      case DIV:
        // Loki, unlike Prometheus, answers NaN for a division by zero rather than an infinity.
        return right == 0 ? Double.NaN : left / right;
      case MOD:
        return right == 0 ? Double.NaN : left % right;
      case POW:
        return Math.pow(left, right);
      default:
        throw new IllegalArgumentException("not an arithmetic operator: " + op);
    }
  }

  private boolean compare(double left, double right) {
    switch (op) {
      case EQ:
        return left == right;
      case NEQ:
        return left != right;
      case GT:
        return left > right;
      case GTE:
        return left >= right;
      case LT:
        return left < right;
      case LTE:
        return left <= right;
      default:
        throw new IllegalArgumentException("not a comparison: " + op);
    }
  }
}
