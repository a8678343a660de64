package dev.floe.traceql;

import dev.floe.lang.Regex;
import java.util.List;

/**
 * Tempo's semantics of operations on values: numeric types compare across int, float and duration;
 * nothing equals or differs from nil; arrays match {@code =} and {@code =~} on any element and
 * {@code !=} and {@code !~} when no element matches; values of different types never compare true.
 */
public final class Values {
  private Values() {}

  public static Static negate(Static value) {
    switch (value.type()) {
      case INT: return Static.ofInt(-value.asLong());
      case FLOAT: return Static.ofFloat(-value.asDouble());
      case DURATION: return Static.ofDuration(-value.asLong());
      default: return Static.NIL;
    }
  }

  /** {@code lhs op rhs} for {@code + - * / % ^}; nil when the operands are not numbers. */
  public static Static arithmetic(Operator op, Static lhs, Static rhs) {
    if (!lhs.type().isNumeric() || !rhs.type().isNumeric()) {
      return Static.NIL;
    }
    StaticType lt = lhs.type();
    StaticType rt = rhs.type();
    boolean integral = (lt == StaticType.INT || lt == StaticType.DURATION) && (rt == StaticType.INT || rt == StaticType.DURATION);
    StaticType result = lt == StaticType.DURATION || rt == StaticType.DURATION ? StaticType.DURATION
        : lt == StaticType.FLOAT || rt == StaticType.FLOAT ? StaticType.FLOAT : StaticType.INT;
    if (integral && op != Operator.POW) {
      long a = lhs.asLong();
      long b = rhs.asLong();
      long r;
      switch (op) {
        case ADD: r = a + b; break;
        case SUB: r = a - b; break;
        case MUL: r = a * b; break;
        case DIV:
          if (b == 0) {
            return Static.ofFloat(Double.NaN);
          }
          r = a / b;
          break;
        default:
          if (b == 0) {
            return Static.ofFloat(Double.NaN);
          }
          r = a % b;
          break;
      }
      return result == StaticType.DURATION ? Static.ofDuration(r) : Static.ofInt(r);
    }
    double a = lhs.asDouble();
    double b = rhs.asDouble();
    double r;
    switch (op) {
      case ADD: r = a + b; break;
      case SUB: r = a - b; break;
      case MUL: r = a * b; break;
      case DIV: r = a / b; break;
      case MOD: r = a % b; break;
      default: r = Math.pow(a, b); break;
    }
    if (result == StaticType.DURATION) {
      return Static.ofDuration((long) r);
    }
    if (result == StaticType.INT && op == Operator.POW) {
      return Static.ofInt((long) r);
    }
    return Static.ofFloat(r);
  }

  /**
   * Whether {@code lhs op rhs} holds for a comparison or regex operator; {@code regex} is the compiled
   * right-hand side of {@code =~}/{@code !~}.
   */
  public static boolean compare(Operator op, Static lhs, Static rhs, Regex regex) {
    if (lhs.isNil() || rhs.isNil()) {
      return false;
    }
    if (lhs.type().isArray()) {
      List<Static> elements = lhs.elements();
      boolean negated = op == Operator.NEQ || op == Operator.NRE;
      Operator positive = op == Operator.NEQ ? Operator.EQ : op == Operator.NRE ? Operator.RE : op;
      boolean any = false;
      for (Static element : elements) {
        if (compare(positive, element, rhs, regex)) {
          any = true;
          break;
        }
      }
      return negated ? !any && !elements.isEmpty() && typesCompare(lhs.type().element(), rhs.type()) : any;
    }
    if (rhs.type().isArray()) {
      return false;
    }
    if (op == Operator.RE || op == Operator.NRE) {
      if (lhs.type() != StaticType.STRING || regex == null) {
        return false;
      }
      return regex.matches(lhs.asString()) == (op == Operator.RE);
    }
    if (!typesCompare(lhs.type(), rhs.type())) {
      return false;
    }
    int c = order(lhs, rhs);
    switch (op) {
      case EQ: return c == 0;
      case NEQ: return c != 0;
      case GT: return c > 0;
      case GTE: return c >= 0;
      case LT: return c < 0;
      case LTE: return c <= 0;
      default: return false;
    }
  }

  private static boolean typesCompare(StaticType a, StaticType b) {
    return a == b || (a.isNumeric() && b.isNumeric());
  }

  /** The order of two values of comparable types. */
  public static int order(Static lhs, Static rhs) {
    switch (lhs.type()) {
      case STRING: return Integer.signum(lhs.asString().compareTo(rhs.asString()));
      case FLOAT: return Double.compare(lhs.asDouble(), rhs.asDouble());
      case INT:
      case DURATION:
        if (rhs.type() == StaticType.FLOAT) {
          return Double.compare(lhs.asDouble(), rhs.asDouble());
        }
        return Long.compare(lhs.asLong(), rhs.asLong());
      default:
        return Long.compare(lhs.asLong(), rhs.asLong());
    }
  }
}
