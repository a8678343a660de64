package dev.floe.logql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.otlp.Utf8;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link LogSource} over entries held in memory, for tests and small embedded uses. Not thread-safe. */
public final class InMemoryLogSource implements LogSource {
  private final Map<Labels, List<Stored>> streams = new LinkedHashMap<>();

  private record Stored(Labels stream, Labels structuredMetadata, long timestampNanos, String line) {}

  /** Adds an entry without structured metadata. */
  public InMemoryLogSource add(Labels stream, long timestampNanos, String line) {
    return add(stream, Labels.EMPTY, timestampNanos, line);
  }

  public InMemoryLogSource add(Labels stream, Labels structuredMetadata, long timestampNanos, String line) {
    List<Stored> entries = streams.computeIfAbsent(stream, key -> new ArrayList<>());
    Labels canonical = entries.isEmpty() ? stream : entries.get(0).stream();
    entries.add(new Stored(canonical, structuredMetadata, timestampNanos, line));
    return this;
  }

  @Override
  public boolean ordered() {
    return true;
  }

  @Override
  public void scan(LogScan scan, EntrySink sink) {
    List<Stored> selected = new ArrayList<>();
    for (Map.Entry<Labels, List<Stored>> stream : streams.entrySet()) {
      if (!LabelMatcher.matchesAll(scan.matchers(), stream.getKey())) {
        continue;
      }
      for (Stored entry : stream.getValue()) {
        if (entry.timestampNanos() >= scan.startNanos() && entry.timestampNanos() < scan.endNanos()) {
          selected.add(entry);
        }
      }
    }
    Comparator<Stored> byTime = Comparator.comparingLong(Stored::timestampNanos);
    selected.sort(scan.direction() == Direction.FORWARD ? byTime : byTime.reversed());
    for (Stored entry : selected) {
      if (!sink.accept(
          entry.stream(), entry.structuredMetadata(), entry.timestampNanos(), entry.line(), Utf8.length(entry.line()))) {
        return;
      }
    }
  }
}
