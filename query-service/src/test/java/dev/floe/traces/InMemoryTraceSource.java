package dev.floe.traces;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A {@link TraceSource} over spans held in memory, in the order they were added; for tests. */
public final class InMemoryTraceSource implements TraceSource {
  private final List<Span> spans;
  private final AtomicInteger delivered = new AtomicInteger();
  private volatile TraceRequest lastRequest;

  public InMemoryTraceSource(List<Span> spans) {
    this.spans = List.copyOf(spans);
  }

  /** How many traces were handed to sinks so far. */
  public int delivered() {
    return delivered.get();
  }

  public TraceRequest lastRequest() {
    return lastRequest;
  }

  @Override
  public void traces(TraceRequest request, Predicate<Trace> sink) {
    lastRequest = request;
    Map<ByteBuffer, List<Span>> byTrace = new LinkedHashMap<>();
    for (Span span : spans) {
      if (request.tenants().contains(span.tenant())
          && span.startNanos() >= request.startNanos() && span.startNanos() < request.endNanos()) {
        byTrace.computeIfAbsent(ByteBuffer.wrap(span.traceId()), k -> new ArrayList<>()).add(span);
      }
    }
    for (Map.Entry<ByteBuffer, List<Span>> trace : byTrace.entrySet()) {
      delivered.incrementAndGet();
      if (!sink.test(new Trace(trace.getKey().array(), trace.getValue()))) {
        return;
      }
    }
  }

  @Override
  public List<Span> trace(List<String> tenants, byte[] traceId, long startNanos, long endNanos) {
    List<Span> out = new ArrayList<>();
    for (Span span : spans) {
      if (tenants.contains(span.tenant()) && Arrays.equals(span.traceId(), traceId)
          && span.startNanos() >= startNanos && span.startNanos() < endNanos) {
        out.add(span);
      }
    }
    return out;
  }
}
