package dev.floe.promql.engine;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Prometheus's delayed removal of {@code __name__}, and the duplicate check that follows it. */
final class Names {
  static final String METRIC_NAME = "__name__";
  /** The labels that describe the metric name, dropped with it (Prometheus's type and unit labels). */
  static final List<String> NAME_LABELS = List.of(METRIC_NAME, "__type__", "__unit__");

  private Names() {}

  static Labels withoutName(Labels labels) {
    return labels.has(METRIC_NAME) || labels.has("__type__") || labels.has("__unit__") ? labels.without(NAME_LABELS)
        : labels;
  }

  /** The samples with pending name removals applied; fails when two samples end up with the same labels. */
  static List<VectorSample> cleanup(List<VectorSample> samples) {
    List<VectorSample> out = new ArrayList<>(samples.size());
    Set<Labels> seen = new HashSet<>();
    for (VectorSample sample : samples) {
      VectorSample clean = sample.dropName()
          ? new VectorSample(withoutName(sample.labels()), sample.timestampMs(), sample.value(), sample.histogram(), false)
          : sample;
      if (!seen.add(clean.labels())) {
        throw new PromqlEvalException("vector cannot contain metrics with the same labelset");
      }
      out.add(clean);
    }
    return out;
  }

  /** Prometheus 3 accepts any non-empty UTF-8 label name; invalid bytes show as lone surrogates. */
  static boolean isValidLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code %q} of a label name: quoted, with invalid bytes as {@code \xNN}. */
  static String quote(String name) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(name.charAt(i - 1)))) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", c & 0xff));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
