package dev.floe.promql.engine;

import dev.floe.promql.BinaryOp;
import dev.floe.promql.Expr;

/** One binary operator applied to a pair of float or histogram values. */
final class SampleOps {
  private final BinaryOp op;
  private final Annotations annotations;
  private final Expr node;

  SampleOps(BinaryOp op, Annotations annotations, Expr node) {
    this.op = op;
    this.annotations = annotations;
    this.node = node;
  }

  /**
   * The outcome: a float or histogram value, and for comparisons whether the comparison held (the
   * value is then the left operand).
   */
  record Result(double value, FloatHistogram histogram, boolean keep) {}

  /** The result, or {@code null} when the operator does not apply to these types (an info is recorded). */
  Result apply(double lf, FloatHistogram lh, double rf, FloatHistogram rh) {
    if (lh == null && rh == null) {
      return floats(lf, rf);
    }
    if (lh != null && rh != null) {
      switch (op) {
        case ADD, SUB -> {
          if (lh.usesCustomBuckets() != rh.usesCustomBuckets()) {
            annotations.warn("vector contains a mix of histograms with exponential and custom buckets schemas", node);
            return null;
          }
          FloatHistogram.Combined combined = lh.combine(rh, op == BinaryOp.SUB);
          if (combined.reconciledCustomBuckets()) {
            annotations.info("mismatched custom buckets were reconciled during "
                + (op == BinaryOp.SUB ? "subtraction" : "addition"), node);
          }
          return new Result(0, combined.histogram().withHint(FloatHistogram.CounterResetHint.GAUGE), true);
        }
        case EQLC -> {
          return new Result(0, lh, lh.approximatelyEquals(rh, 0));
        }
        case NEQ -> {
          return new Result(0, lh, !lh.approximatelyEquals(rh, 0));
        }
        default -> {
          return incompatible("histogram", "histogram");
        }
      }
    }
    if (lh != null) {
      return switch (op) {
        case TRIM_UPPER -> new Result(0, HistogramTrim.trim(lh, rf, true), true);
        case TRIM_LOWER -> new Result(0, HistogramTrim.trim(lh, rf, false), true);
        case MUL -> new Result(0, lh.scale(rf), true);
        case DIV -> new Result(0, lh.scale(1 / rf), true);
        default -> incompatible("histogram", "float");
      };
    }
    return op == BinaryOp.MUL ? new Result(0, rh.scale(lf), true) : incompatible("float", "histogram");
  }

  private Result incompatible(String left, String right) {
    annotations.info("incompatible sample types encountered for binary operator \"" + op.symbol() + "\": "
        + left + " " + op.symbol() + " " + right, node);
    return null;
  }

  private Result floats(double l, double r) {
    return switch (op) {
      case ADD -> new Result(l + r, null, true);
      case SUB -> new Result(l - r, null, true);
      case MUL -> new Result(l * r, null, true);
      case DIV -> new Result(l / r, null, true);
      case MOD -> new Result(l % r, null, true);
      case POW -> new Result(pow(l, r), null, true);
      case ATAN2 -> new Result(Math.atan2(l, r), null, true);
      case EQLC -> new Result(l, null, l == r);
      case NEQ -> new Result(l, null, l != r);
      case GTR -> new Result(l, null, l > r);
      case LSS -> new Result(l, null, l < r);
      case GTE -> new Result(l, null, l >= r);
      case LTE -> new Result(l, null, l <= r);
      default -> throw new PromqlEvalException("operator \"" + op.symbol() + "\" not allowed between scalars or samples");
    };
  }

  /** Go's {@code math.Pow}, which unlike Java's gives 1 for {@code 1^NaN} and {@code (-1)^±Inf}. */
  static double pow(double base, double exponent) {
    if (base == 1 || base == -1 && Double.isInfinite(exponent)) {
      return 1;
    }
    return Math.pow(base, exponent);
  }
}
