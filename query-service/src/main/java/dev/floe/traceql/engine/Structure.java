package dev.floe.traceql.engine;

import dev.floe.traceql.SpansetOperator;
import dev.floe.traceql.SpansetOperator.Relation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural operators over nested-set numbers, in O((n + m) log n) per trace: spans numbered 0
 * (not connected to a root) relate to nothing, and a span is not its own sibling.
 */
final class Structure {
  private Structure() {}

  static List<SpanRow> relate(SpansetOperator op, List<SpanRow> lhs, List<SpanRow> rhs) {
    Relation relation = op.relation();
    if (op.isUnion()) {
      Set<SpanRow> out = new LinkedHashSet<>(matching(inverse(relation), rhs, lhs, false));
      out.addAll(matching(relation, lhs, rhs, false));
      return new ArrayList<>(out);
    }
    return matching(relation, lhs, rhs, op.isNegated());
  }

  private static Relation inverse(Relation relation) {
    switch (relation) {
      case CHILD: return Relation.PARENT;
      case PARENT: return Relation.CHILD;
      case DESCENDANT: return Relation.ANCESTOR;
      case ANCESTOR: return Relation.DESCENDANT;
      default: return Relation.SIBLING;
    }
  }

  /** The spans of {@code rhs} that stand in {@code relation} to some span of {@code lhs} (to none when negated). */
  private static List<SpanRow> matching(Relation relation, List<SpanRow> lhs, List<SpanRow> rhs, boolean negated) {
    Index index = new Index(lhs);
    List<SpanRow> out = new ArrayList<>();
    for (SpanRow r : rhs) {
      if (index.holds(relation, r) != negated) {
        out.add(r);
      }
    }
    return out;
  }

  /** The left-hand spans arranged for the five relations. */
  private static final class Index {
    private final Set<Integer> lefts = new HashSet<>();
    private final Map<Integer, List<SpanRow>> byParent = new HashMap<>();
    private final int[] sortedLefts;
    private final int[] maxRightUpTo;

    Index(List<SpanRow> lhs) {
      List<SpanRow> numbered = new ArrayList<>();
      for (SpanRow l : lhs) {
        if (l.left != 0) {
          numbered.add(l);
          lefts.add(l.left);
        }
        if (l.parent != 0) {
          byParent.computeIfAbsent(l.parent, p -> new ArrayList<>(1)).add(l);
        }
      }
      numbered.sort((a, b) -> Integer.compare(a.left, b.left));
      sortedLefts = new int[numbered.size()];
      maxRightUpTo = new int[numbered.size()];
      int max = 0;
      for (int i = 0; i < numbered.size(); i++) {
        sortedLefts[i] = numbered.get(i).left;
        max = Math.max(max, numbered.get(i).right);
        maxRightUpTo[i] = max;
      }
    }

    /** Whether {@code r} stands in {@code relation} to one of the indexed spans. */
    boolean holds(Relation relation, SpanRow r) {
      switch (relation) {
        case CHILD:
          return r.parent > 0 && lefts.contains(r.parent);
        case PARENT:
          return r.left != 0 && byParent.containsKey(r.left);
        case DESCENDANT: {
          // an ancestor starts before r and ends after it
          if (r.left == 0) {
            return false;
          }
          int before = lowerBound(r.left) - 1;
          return before >= 0 && maxRightUpTo[before] > r.right;
        }
        case ANCESTOR: {
          // a descendant starts inside r
          if (r.left == 0) {
            return false;
          }
          int after = lowerBound(r.left + 1);
          return after < sortedLefts.length && sortedLefts[after] < r.right;
        }
        default: {
          if (r.parent == 0) {
            return false;
          }
          List<SpanRow> siblings = byParent.get(r.parent);
          return siblings != null && (siblings.size() > 1 || siblings.get(0) != r);
        }
      }
    }

    /** The first index whose left number is at least {@code value}. */
    private int lowerBound(int value) {
      int i = Arrays.binarySearch(sortedLefts, value);
      return i >= 0 ? i : -i - 1;
    }
  }
}
