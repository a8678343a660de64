package dev.floe.lang;

import dev.floe.otlp.LabelSets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable label set, sorted by name: the identity of a Loki stream or a Prometheus series.
 * Names are ordered by Unicode code point, as Prometheus orders them; an empty value means the label
 * is absent, so it is never stored.
 */
public final class Labels implements Comparable<Labels> {
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** Labels from alternating names and values: {@code of("job", "api", "env", "prod")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  public static Labels of(Map<String, String> labels) {
    Builder builder = builder();
    labels.forEach(builder::set);
    return builder.build();
  }

  /** Parses the canonical text stored in the {@code stream_labels} and {@code series_labels} columns. */
  public static Labels parse(String canonical) {
    return of(LabelSets.parse(canonical));
  }

  public static Builder builder() {
    return new Builder(new String[8], new String[8], 0);
  }

  public Builder toBuilder() {
    int capacity = Math.max(8, names.length + 4);
    return new Builder(Arrays.copyOf(names, capacity), Arrays.copyOf(values, capacity), names.length);
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int index) {
    return names[index];
  }

  public String value(int index) {
    return values[index];
  }

  /** The value of {@code name}, or the empty string when absent (Prometheus's convention). */
  public String get(String name) {
    int index = indexOf(name);
    return index < 0 ? "" : values[index];
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** These labels without {@code drop}. */
  public Labels without(Collection<String> drop) {
    Builder builder = toBuilder();
    drop.forEach(builder::remove);
    return builder.build();
  }

  /** Only the labels named in {@code keep}. */
  public Labels only(Collection<String> keep) {
    Builder builder = builder();
    for (int i = 0; i < names.length; i++) {
      if (keep.contains(names[i])) {
        builder.set(names[i], values[i]);
      }
    }
    return builder.build();
  }

  /** The labels in order, as a new map. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }

  private int indexOf(String name) {
    int index = search(names, names.length, name);
    return index < 0 ? -1 : index;
  }

  /** The index of {@code name} among the first {@code size} sorted names, or {@code -(insertion point) - 1}. */
  private static int search(String[] names, int size, String name) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = compareNames(names[mid], name);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /** Prometheus's order of label sets: pair by pair, names first, then values; shorter first. */
  @Override
  public int compareTo(Labels other) {
    int common = Math.min(names.length, other.names.length);
    for (int i = 0; i < common; i++) {
      int cmp = compareNames(names[i], other.names[i]);
      if (cmp != 0) {
        return cmp;
      }
      cmp = compareNames(values[i], other.values[i]);
      if (cmp != 0) {
        return cmp;
      }
    }
    return names.length - other.names.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other
        && hashCode() == other.hashCode()
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
      hash = h;
    }
    return h;
  }

  /** The canonical text form, {@code {name="value", ...}}. */
  @Override
  public String toString() {
    return LabelSets.format(toMap());
  }

  /** Whether {@code name} is a label name in Prometheus's legacy form, {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  public static boolean isLegacyName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** Orders strings by Unicode code point, the order of their UTF-8 bytes. */
  public static int compareNames(String a, String b) {
    return LabelSets.compareNames(a, b);
  }

  /**
   * Builds a label set; setting an empty value removes the label. Keeps the labels in sorted arrays:
   * label sets are small, and copying a few references beats a tree's nodes.
   */
  public static final class Builder {
    private String[] names;
    private String[] values;
    private int size;

    private Builder(String[] names, String[] values, int size) {
      this.names = names;
      this.values = values;
      this.size = size;
    }

    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        return remove(name);
      }
      int index = find(name);
      if (index >= 0) {
        values[index] = value;
        return this;
      }
      int at = -index - 1;
      if (size == names.length) {
        names = Arrays.copyOf(names, Math.max(8, size * 2));
        values = Arrays.copyOf(values, names.length);
      }
      System.arraycopy(names, at, names, at + 1, size - at);
      System.arraycopy(values, at, values, at + 1, size - at);
      names[at] = name;
      values[at] = value;
      size++;
      return this;
    }

    public Builder remove(String name) {
      int index = find(name);
      if (index >= 0) {
        System.arraycopy(names, index + 1, names, index, size - index - 1);
        System.arraycopy(values, index + 1, values, index, size - index - 1);
        size--;
        names[size] = null;
        values[size] = null;
      }
      return this;
    }

    public String get(String name) {
      int index = find(name);
      return index < 0 ? "" : values[index];
    }

    public Labels build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Labels(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
    }

    /** The index of {@code name}, or {@code -(insertion point) - 1} when absent. */
    private int find(String name) {
      return search(names, size, name);
    }
  }
}
