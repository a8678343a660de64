package dev.floe.traceql.engine;

import dev.floe.traceql.SpansetOperator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The structural operators over nested-set numbers; spans numbered 0 relate to nothing. */
final class Structure {
  private Structure() {}

  static List<SpanRow> relate(SpansetOperator op, List<SpanRow> lhs, List<SpanRow> rhs) {
    SpansetOperator.Relation relation = op.relation();
    if (op.isUnion()) {
      Set<SpanRow> out = new LinkedHashSet<>();
      for (SpanRow l : lhs) {
        for (SpanRow r : rhs) {
          if (holds(relation, r, l)) {
            out.add(l);
            out.add(r);
          }
        }
      }
      return new ArrayList<>(out);
    }
    List<SpanRow> out = new ArrayList<>();
    for (SpanRow r : rhs) {
      boolean any = false;
      for (SpanRow l : lhs) {
        if (holds(relation, r, l)) {
          any = true;
          break;
        }
      }
      if (any != op.isNegated()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether right-hand span {@code r} stands in {@code relation} to left-hand span {@code l}. */
  private static boolean holds(SpansetOperator.Relation relation, SpanRow r, SpanRow l) {
    switch (relation) {
      case CHILD: return childOf(r, l);
      case PARENT: return childOf(l, r);
      case DESCENDANT: return descendantOf(r, l);
      case ANCESTOR: return descendantOf(l, r);
      default: return r != l && r.parent != 0 && r.parent == l.parent;
    }
  }

  private static boolean childOf(SpanRow child, SpanRow parent) {
    return parent.left != 0 && child.parent != 0 && parent.left == child.parent;
  }

  private static boolean descendantOf(SpanRow d, SpanRow a) {
    return d.left != 0 && a.left != 0 && d.right != 0 && a.right != 0 && d.left > a.left && d.right < a.right;
  }
}
