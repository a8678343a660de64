package dev.floe.traceql.engine;

import dev.floe.traceql.Aggregate;
import dev.floe.traceql.AggregateOp;
import dev.floe.traceql.Coalesce;
import dev.floe.traceql.GroupBy;
import dev.floe.traceql.Operator;
import dev.floe.traceql.Pipeline;
import dev.floe.traceql.ScalarFilter;
import dev.floe.traceql.Select;
import dev.floe.traceql.SpansetExpr;
import dev.floe.traceql.SpansetFilter;
import dev.floe.traceql.SpansetOperation;
import dev.floe.traceql.SpansetOperator;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import dev.floe.traceql.Values;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a spanset pipeline over one trace with Tempo's semantics: filters keep matching spans and drop
 * empty spansets; {@code &&} and {@code ||} return the union of both sides; structural operators return
 * the right-hand spans related to a left-hand span (negated forms: related to none; union forms: the
 * related spans of both sides).
 */
public final class SpansetEvaluator {
  private final FieldEvaluator fields = new FieldEvaluator();

  /** The spansets {@code expr} makes of {@code trace}; empty when the trace does not match. */
  public List<Spanset> evaluate(SpansetExpr expr, TraceView trace) {
    return evaluate(expr, List.of(new Spanset(trace.rows(), List.of(), null)));
  }

  List<Spanset> evaluate(SpansetExpr expr, List<Spanset> input) {
    if (expr instanceof SpansetFilter) {
      return filter((SpansetFilter) expr, input);
    }
    if (expr instanceof Pipeline) {
      List<Spanset> current = input;
      for (SpansetExpr stage : ((Pipeline) expr).stages()) {
        if (current.isEmpty()) {
          return current;
        }
        current = evaluate(stage, current);
      }
      return current;
    }
    if (expr instanceof SpansetOperation) {
      return operation((SpansetOperation) expr, input);
    }
    if (expr instanceof GroupBy) {
      return group((GroupBy) expr, input);
    }
    if (expr instanceof Coalesce) {
      List<SpanRow> all = new ArrayList<>();
      for (Spanset set : input) {
        all.addAll(set.spans());
      }
      return all.isEmpty() ? List.of() : List.of(new Spanset(all, List.of(), null));
    }
    if (expr instanceof Select) {
      return input;
    }
    return scalarFilter((ScalarFilter) expr, input);
  }

  private List<Spanset> filter(SpansetFilter filter, List<Spanset> input) {
    List<Spanset> out = new ArrayList<>(input.size());
    for (Spanset set : input) {
      List<SpanRow> kept = new ArrayList<>();
      for (SpanRow row : set.spans()) {
        if (fields.test(filter.expr(), row)) {
          kept.add(row);
        }
      }
      if (!kept.isEmpty()) {
        out.add(set.withSpans(kept));
      }
    }
    return out;
  }

  private List<Spanset> operation(SpansetOperation op, List<Spanset> input) {
    List<Spanset> out = new ArrayList<>();
    for (Spanset set : input) {
      List<Spanset> lhs = evaluate(op.lhs(), List.of(set));
      List<Spanset> rhs = evaluate(op.rhs(), List.of(set));
      List<SpanRow> matched;
      if (op.op() == SpansetOperator.AND || op.op() == SpansetOperator.OR) {
        boolean holds = op.op() == SpansetOperator.AND
            ? !lhs.isEmpty() && !rhs.isEmpty()
            : !lhs.isEmpty() || !rhs.isEmpty();
        if (!holds) {
          continue;
        }
        Set<SpanRow> union = new LinkedHashSet<>();
        lhs.forEach(s -> union.addAll(s.spans()));
        rhs.forEach(s -> union.addAll(s.spans()));
        matched = new ArrayList<>(union);
      } else {
        if (lhs.size() > 1 || rhs.size() > 1) {
          throw new TraceqlQueryException(
              "spanset operators are not supported for multiple spansets per trace. consider using coalesce()");
        }
        if (rhs.isEmpty()) {
          continue;
        }
        matched = Structure.relate(op.op(), lhs.isEmpty() ? List.of() : lhs.get(0).spans(), rhs.get(0).spans());
      }
      if (!matched.isEmpty()) {
        out.add(set.withSpans(matched));
      }
    }
    return out;
  }

  private List<Spanset> group(GroupBy by, List<Spanset> input) {
    String name = by.toString();
    List<Spanset> out = new ArrayList<>();
    for (Spanset set : input) {
      Map<Static, List<SpanRow>> groups = new LinkedHashMap<>();
      for (SpanRow row : set.spans()) {
        groups.computeIfAbsent(fields.value(by.expr(), row), k -> new ArrayList<>()).add(row);
      }
      for (Map.Entry<Static, List<SpanRow>> group : groups.entrySet()) {
        List<Map.Entry<String, Static>> attributes = new ArrayList<>(set.attributes());
        attributes.add(new AbstractMap.SimpleImmutableEntry<>(name, group.getKey()));
        out.add(new Spanset(group.getValue(), attributes, set.scalar()));
      }
    }
    return out;
  }

  private List<Spanset> scalarFilter(ScalarFilter filter, List<Spanset> input) {
    Aggregate aggregate;
    Static threshold;
    Operator op = filter.op();
    if (filter.lhs() instanceof Aggregate) {
      aggregate = (Aggregate) filter.lhs();
      threshold = (Static) filter.rhs();
    } else {
      aggregate = (Aggregate) filter.rhs();
      threshold = (Static) filter.lhs();
      op = flip(op);
    }
    List<Spanset> out = new ArrayList<>();
    for (Spanset set : input) {
      Static value = aggregate(aggregate, set);
      if (value.isNil() || !Values.compare(op, value, threshold, null)) {
        continue;
      }
      List<Map.Entry<String, Static>> attributes = new ArrayList<>(set.attributes());
      attributes.add(new AbstractMap.SimpleImmutableEntry<>(aggregate.toString(), value));
      out.add(new Spanset(set.spans(), attributes, value));
    }
    return out;
  }

  private static Operator flip(Operator op) {
    switch (op) {
      case GT: return Operator.LT;
      case GTE: return Operator.LTE;
      case LT: return Operator.GT;
      case LTE: return Operator.GTE;
      default: return op;
    }
  }

  private Static aggregate(Aggregate aggregate, Spanset set) {
    if (aggregate.op() == AggregateOp.COUNT) {
      return Static.ofInt(set.spans().size());
    }
    Static result = null;
    int count = 0;
    for (SpanRow row : set.spans()) {
      Static v = fields.value(aggregate.expr(), row);
      if (!v.type().isNumeric()) {
        continue;
      }
      count++;
      if (result == null) {
        result = v;
      } else if (aggregate.op() == AggregateOp.MIN) {
        result = Values.order(v, result) < 0 ? v : result;
      } else if (aggregate.op() == AggregateOp.MAX) {
        result = Values.order(v, result) > 0 ? v : result;
      } else {
        result = Values.arithmetic(Operator.ADD, result, v);
      }
    }
    if (result == null) {
      return Static.NIL;
    }
    if (aggregate.op() == AggregateOp.AVG) {
      return result.type() == StaticType.DURATION
          ? Static.ofDuration(result.asLong() / count)
          : Static.ofFloat(result.asDouble() / count);
    }
    return result;
  }
}
