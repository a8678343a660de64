package dev.floe.traceql.engine;

import dev.floe.lang.Regex;
import dev.floe.traceql.Attribute;
import dev.floe.traceql.AttributeScope;
import dev.floe.traceql.BinaryExpr;
import dev.floe.traceql.FieldExpr;
import dev.floe.traceql.Intrinsic;
import dev.floe.traceql.Operator;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import dev.floe.traceql.UnaryExpr;
import dev.floe.traceql.Values;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Evaluates field expressions on spans. A condition on events (or links) holds for a span when it holds
 * for one of the span's events (links), as Tempo reads event and link attributes row by row.
 */
final class FieldEvaluator {
  private final Map<String, Regex> regexes = new HashMap<>();
  private final Map<FieldExpr, int[]> scopes = new IdentityHashMap<>();

  /** Whether {@code expr} is true for {@code row}. */
  boolean test(FieldExpr expr, SpanRow row) {
    int[] uses = scopes.computeIfAbsent(expr, e -> new int[] {uses(e, true) ? 1 : 0, uses(e, false) ? 1 : 0});
    int events = uses[0] == 1 ? Math.max(1, row.span().events().size()) : 1;
    int links = uses[1] == 1 ? Math.max(1, row.span().links().size()) : 1;
    for (int e = 0; e < events; e++) {
      for (int l = 0; l < links; l++) {
        int event = uses[0] == 1 && !row.span().events().isEmpty() ? e : -1;
        int link = uses[1] == 1 && !row.span().links().isEmpty() ? l : -1;
        if (evaluate(expr, row, event, link).asBool()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The value of {@code expr} for {@code row}, outside any event or link. */
  Static value(FieldExpr expr, SpanRow row) {
    return evaluate(expr, row, row.span().events().isEmpty() ? -1 : 0, row.span().links().isEmpty() ? -1 : 0);
  }

  private Static evaluate(FieldExpr expr, SpanRow row, int event, int link) {
    if (expr instanceof Static) {
      return (Static) expr;
    }
    if (expr instanceof Attribute) {
      return row.lookup((Attribute) expr, event, link);
    }
    if (expr instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) expr;
      Static v = evaluate(u.operand(), row, event, link);
      switch (u.op()) {
        case NOT: return v.type() == StaticType.BOOL ? Static.ofBool(!v.asBool()) : Static.NIL;
        case SUB: return Values.negate(v);
        case EXISTS: return Static.ofBool(!v.isNil());
        default: return Static.ofBool(v.isNil());
      }
    }
    BinaryExpr b = (BinaryExpr) expr;
    Static lhs = evaluate(b.lhs(), row, event, link);
    if (b.op() == Operator.AND) {
      return lhs.asBool() ? Static.ofBool(evaluate(b.rhs(), row, event, link).asBool()) : Static.FALSE;
    }
    if (b.op() == Operator.OR) {
      return lhs.asBool() ? Static.TRUE : Static.ofBool(evaluate(b.rhs(), row, event, link).asBool());
    }
    Static rhs = evaluate(b.rhs(), row, event, link);
    switch (b.op()) {
      case ADD: case SUB: case MUL: case DIV: case MOD: case POW:
        return Values.arithmetic(b.op(), lhs, rhs);
      case RE: case NRE:
        return Static.ofBool(Values.compare(b.op(), lhs, rhs, rhs.type() == StaticType.STRING ? regex(rhs.asString()) : null));
      default:
        return Static.ofBool(Values.compare(b.op(), lhs, rhs, null));
    }
  }

  private Regex regex(String expression) {
    return regexes.computeIfAbsent(expression, Regex::compileAnchored);
  }

  private static boolean uses(FieldExpr expr, boolean events) {
    if (expr instanceof Attribute) {
      Attribute a = (Attribute) expr;
      if (a.intrinsic() != null) {
        return events
            ? a.intrinsic() == Intrinsic.EVENT_NAME || a.intrinsic() == Intrinsic.EVENT_TIME_SINCE_START
            : a.intrinsic() == Intrinsic.LINK_SPAN_ID || a.intrinsic() == Intrinsic.LINK_TRACE_ID;
      }
      return a.scope() == (events ? AttributeScope.EVENT : AttributeScope.LINK);
    }
    if (expr instanceof UnaryExpr) {
      return uses(((UnaryExpr) expr).operand(), events);
    }
    if (expr instanceof BinaryExpr) {
      return uses(((BinaryExpr) expr).lhs(), events) || uses(((BinaryExpr) expr).rhs(), events);
    }
    return false;
  }
}
