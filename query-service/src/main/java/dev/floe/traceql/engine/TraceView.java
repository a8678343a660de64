package dev.floe.traceql.engine;

import dev.floe.traces.Span;
import dev.floe.traces.Trace;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace prepared for TraceQL: its spans as {@link SpanRow}s, numbered with Tempo's nested-set model
 * (a depth-first walk from each root; spans whose parent is not in the trace keep 0s and take part in
 * no structural relation).
 */
public final class TraceView {
  private final TraceFacts facts;
  private final List<SpanRow> rows;

  private TraceView(TraceFacts facts, List<SpanRow> rows) {
    this.facts = facts;
    this.rows = rows;
  }

  public static TraceView of(Trace trace) {
    List<Span> spans = new ArrayList<>(trace.spans());
    spans.sort(Comparator.comparingLong(Span::startNanos));
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    Span root = null;
    for (Span span : spans) {
      start = Math.min(start, span.startNanos());
      end = Math.max(end, span.endNanos());
      if (span.isRoot() && root == null) {
        root = span;
      }
    }
    String rootService = root == null || root.resource() == null ? null : root.resource().serviceName();
    TraceFacts facts = new TraceFacts(
        trace.traceId(), spans.isEmpty() ? 0 : start, spans.isEmpty() ? 0 : end,
        root == null ? null : root.name(), rootService);
    List<SpanRow> rows = new ArrayList<>(spans.size());
    Map<ByteBuffer, SpanRow> byId = new HashMap<>();
    for (Span span : spans) {
      SpanRow row = new SpanRow(span, facts);
      rows.add(row);
      byId.put(ByteBuffer.wrap(span.spanId()), row);
    }
    Map<SpanRow, List<SpanRow>> children = new HashMap<>();
    List<SpanRow> roots = new ArrayList<>();
    for (SpanRow row : rows) {
      if (row.span().isRoot()) {
        roots.add(row);
        continue;
      }
      SpanRow parent = byId.get(ByteBuffer.wrap(row.span().parentSpanId()));
      if (parent != null && parent != row) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(row);
        parent.childCount++;
      }
    }
    number(roots, children);
    return new TraceView(facts, rows);
  }

  /** Assigns left/right/parent numbers with an explicit stack, so deep traces cannot overflow. */
  private static void number(List<SpanRow> roots, Map<SpanRow, List<SpanRow>> children) {
    int counter = 0;
    Deque<Object[]> stack = new ArrayDeque<>();
    for (SpanRow root : roots) {
      root.parent = -1;
      root.left = ++counter;
      stack.push(new Object[] {root, 0});
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        SpanRow row = (SpanRow) top[0];
        int next = (Integer) top[1];
        List<SpanRow> kids = children.getOrDefault(row, List.of());
        if (next < kids.size()) {
          top[1] = next + 1;
          SpanRow child = kids.get(next);
          if (child.left != 0) {
            continue; // a cycle of parent ids; each span is numbered once
          }
          child.parent = row.left;
          child.left = ++counter;
          stack.push(new Object[] {child, 0});
        } else {
          row.right = ++counter;
          stack.pop();
        }
      }
    }
  }

  public TraceFacts facts() {
    return facts;
  }

  /** The spans, oldest first. */
  public List<SpanRow> rows() {
    return rows;
  }
}
