package dev.floe.prometheus;

/**
 * Prometheus label names of OTLP attribute keys, as Prometheus 3's OTLP receiver makes them by default:
 * every character but {@code [a-zA-Z0-9_]} becomes {@code _} (runs of {@code _} are kept), a leading
 * digit gets the prefix {@code key_}, and a single leading {@code _} the prefix {@code key}, since names
 * starting with {@code __} are reserved for Prometheus.
 */
public final class LabelNames {
  private LabelNames() {}

  /** The label name of attribute {@code key}; empty for an empty key, which makes no label. */
  public static String of(String key) {
    if (key.isEmpty()) {
      return key;
    }
    StringBuilder name = new StringBuilder(key.length() + 4);
    key.codePoints().forEach(c -> name.append(isValid(c) ? (char) c : '_'));
    if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
      name.insert(0, "key_");
    } else if (name.charAt(0) == '_' && (name.length() == 1 || name.charAt(1) != '_')) {
      name.insert(0, "key");
    }
    return name.toString();
  }

  private static boolean isValid(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
