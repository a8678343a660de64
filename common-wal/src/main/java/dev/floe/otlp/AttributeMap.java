package dev.floe.otlp;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable text map kept as one array of alternating keys and values, in the order the keys
 * first appeared. Rows hold their attribute maps until their WAL segment is written, and for the
 * handful of attributes a record carries a {@code HashMap} takes three to four times the memory.
 * Lookups scan the array, which for such sizes costs no more than hashing the key.
 *
 * <p>Built by {@link Builder}, which takes more than a few entries into a {@code HashMap} instead.
 */
final class AttributeMap extends AbstractMap<String, String> {
  private final String[] entries;

  private AttributeMap(String[] entries) {
    this.entries = entries;
  }

  @Override
  public int size() {
    return entries.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(entries, entries.length, key) >= 0;
  }

  @Override
  public String get(Object key) {
    int at = indexOf(entries, entries.length, key);
    return at < 0 ? null : entries[at + 1];
  }

  /** Visits the entries without allocating them, as the WAL encoder's map writer does for every row. */
  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < entries.length; i += 2) {
      action.accept(entries[i], entries[i + 1]);
    }
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return entries.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < entries.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= entries.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> entry = new SimpleImmutableEntry<>(entries[next], entries[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }

  /**
   * Collects entries; a key put again keeps its place and takes the new value. Beyond {@value
   * #MAX_SCANNED} entries, where finding duplicates by scanning would grow with the square of the
   * count, it builds a {@code HashMap} instead.
   */
  static final class Builder {
    private static final int MAX_SCANNED = 16;

    private final String[] entries;
    private final Map<String, String> large;
    private int length;

    Builder(int expectedSize) {
      this.entries = expectedSize <= MAX_SCANNED ? new String[expectedSize * 2] : null;
      this.large = entries == null ? new HashMap<>(expectedSize * 4 / 3 + 1) : null;
    }

    /** Puts an entry and returns the value it replaced, or null. */
    String put(String key, String value) {
      if (large != null) {
        return large.put(key, value);
      }
      int at = indexOf(entries, length, key);
      if (at >= 0) {
        String previous = entries[at + 1];
        entries[at + 1] = value;
        return previous;
      }
      entries[length++] = key;
      entries[length++] = value;
      return null;
    }

    Map<String, String> build() {
      if (large != null) {
        return large;
      }
      if (length == 0) {
        return MappingContext.EMPTY_MAP;
      }
      return new AttributeMap(length == entries.length ? entries : Arrays.copyOf(entries, length));
    }
  }

  private static int indexOf(String[] entries, int length, Object key) {
    for (int i = 0; i < length; i += 2) {
      if (entries[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
