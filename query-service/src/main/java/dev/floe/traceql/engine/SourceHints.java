package dev.floe.traceql.engine;

import dev.floe.traceql.Attribute;
import dev.floe.traceql.AttributeScope;
import dev.floe.traceql.BinaryExpr;
import dev.floe.traceql.FieldExpr;
import dev.floe.traceql.Intrinsic;
import dev.floe.traceql.Operator;
import dev.floe.traceql.Pipeline;
import dev.floe.traceql.SpansetExpr;
import dev.floe.traceql.SpansetFilter;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import dev.floe.traces.TraceRequest;

/**
 * Derives the {@link TraceRequest} hints from a query: when every result must come from spans that pass
 * the first filter, that filter's top-level {@code resource.service.name = "x"} and {@code duration > d}
 * conditions hold for one span of every matching trace, so the source may skip traces without one.
 */
final class SourceHints {
  private SourceHints() {}

  static TraceRequest apply(SpansetExpr expr, TraceRequest request) {
    SpansetExpr first = expr instanceof Pipeline ? ((Pipeline) expr).stages().get(0) : expr;
    if (!(first instanceof SpansetFilter)) {
      return request;
    }
    String[] service = {null};
    long[] minDuration = {0};
    conjuncts(((SpansetFilter) first).expr(), service, minDuration);
    return new TraceRequest(request.tenants(), request.startNanos(), request.endNanos(), service[0], minDuration[0]);
  }

  private static void conjuncts(FieldExpr expr, String[] service, long[] minDuration) {
    if (!(expr instanceof BinaryExpr)) {
      return;
    }
    BinaryExpr b = (BinaryExpr) expr;
    if (b.op() == Operator.AND) {
      conjuncts(b.lhs(), service, minDuration);
      conjuncts(b.rhs(), service, minDuration);
      return;
    }
    if (!(b.lhs() instanceof Attribute) || !(b.rhs() instanceof Static)) {
      return;
    }
    Attribute a = (Attribute) b.lhs();
    Static v = (Static) b.rhs();
    if (b.op() == Operator.EQ && a.intrinsic() == null && a.scope() == AttributeScope.RESOURCE
        && a.name().equals("service.name") && v.type() == StaticType.STRING) {
      service[0] = v.asString();
    } else if (a.intrinsic() == Intrinsic.DURATION && v.type() == StaticType.DURATION
        && (b.op() == Operator.GT || b.op() == Operator.GTE)) {
      minDuration[0] = Math.max(minDuration[0], b.op() == Operator.GT ? v.asLong() + 1 : v.asLong());
    }
  }
}
