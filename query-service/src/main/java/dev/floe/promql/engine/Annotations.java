package dev.floe.promql.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The warnings and infos a query produced, each once, in the order first seen. */
public final class Annotations {
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Set<String> infos = new LinkedHashSet<>();

  void warn(String message) {
    warnings.add("PromQL warning: " + message);
  }

  void info(String message) {
    infos.add("PromQL info: " + message);
  }

  /** Messages starting with {@code PromQL warning: }. */
  public List<String> warnings() {
    return new ArrayList<>(warnings);
  }

  /** Messages starting with {@code PromQL info: }. */
  public List<String> infos() {
    return new ArrayList<>(infos);
  }
}
