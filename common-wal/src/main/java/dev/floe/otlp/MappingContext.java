package dev.floe.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State of mapping one request: the tenant, the acceptance window around the receive time, the
 * value-type tags of the row being built, and the rejections so far. Not thread-safe; one per request.
 */
final class MappingContext {
  static final Map<String, String> EMPTY_MAP = Collections.emptyMap();
  private static final int MAX_SHARED_KEYS = 4096;

  final String tenant;
  private final MappingLimits limits;
  private final long receiveNanos;
  private final long earliestNanos;
  private final long latestNanos;
  private final int maxValueBytes;
  private final int maxKeyBytes;

  private Map<String, String> baseTypes = EMPTY_MAP;
  private Map<String, String> ownTypes;

  /**
   * Attribute keys and value-type maps met so far in this request, so that its rows share one
   * instance of each: records repeat the same keys and tags, and a row waits for its WAL segment
   * long enough that a copy per record would be a large part of the heap it holds.
   */
  private final Map<String, String> keys = new HashMap<>();
  private final Map<Map<String, String>, Map<String, String>> typeMaps = new HashMap<>();

  /** The problem found by the last conversion that returned null. */
  private String problem;

  private int rejected;
  private String firstRejection;

  MappingContext(String tenant, MappingLimits limits, long receiveNanos) {
    this.tenant = tenant;
    this.limits = limits;
    this.receiveNanos = receiveNanos;
    this.earliestNanos = saturatedAdd(receiveNanos, -limits.maxPast().toNanos());
    this.latestNanos = saturatedAdd(receiveNanos, limits.maxFuture().toNanos());
    this.maxValueBytes = limits.maxValueBytes();
    this.maxKeyBytes = limits.maxKeyBytes();
  }

  long receiveNanos() {
    return receiveNanos;
  }

  String problem() {
    return problem;
  }

  /** Starts collecting the value-type tags of a row on top of those of its resource and scope. */
  void beginTypes(Map<String, String> base) {
    baseTypes = base;
    ownTypes = null;
  }

  /**
   * The row's value types: the base map itself when the row added no tag of its own, else one map
   * shared by all rows of the request with the same tags (so never to be changed).
   */
  Map<String, String> endTypes() {
    if (ownTypes == null) {
      return baseTypes;
    }
    Map<String, String> result = ownTypes;
    ownTypes = null;
    Map<String, String> same = typeMaps.putIfAbsent(result, result);
    return same == null ? result : same;
  }

  private void tag(String key, String tag) {
    if (ownTypes == null) {
      ownTypes = new HashMap<>(baseTypes);
    }
    ownTypes.put(key, tag);
  }

  /**
   * Converts OTLP attributes into a text map in their order, the last of duplicate keys winning, and
   * tags the non-string values under {@code prefix + key} (or {@code prefix + index + "." + key} when
   * index is not negative). Returns null, leaving the reason in {@link #problem()}, when a key or a
   * value is too long.
   */
  Map<String, String> attributes(List<KeyValue> list, String prefix, int index) {
    int size = list.size();
    if (size == 0) {
      return EMPTY_MAP;
    }
    AttributeMap.Builder map = new AttributeMap.Builder(size);
    for (int i = 0; i < size; i++) {
      KeyValue attribute = list.get(i);
      AnyValue value = attribute.getValue();
      if (Utf8.longerThan(attribute.getKey(), maxKeyBytes)) {
        problem = keyTooLong(prefix, index, attribute.getKey());
        return null;
      }
      String key = shared(attribute.getKey());
      String text;
      String tag;
      if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
        text = value.getStringValue();
        tag = null;
      } else {
        text = AnyValues.text(value);
        tag = AnyValues.tag(value);
      }
      if (tooLong(text)) {
        problem = "value of " + tagKey(prefix, index, key) + tooLongMessage(text);
        return null;
      }
      String previous = map.put(key, text);
      if (tag != null) {
        tag(tagKey(prefix, index, key), tag);
      } else if (previous != null && ownTypes != null) {
        ownTypes.remove(tagKey(prefix, index, key));
      }
    }
    return map.build();
  }

  /** The first instance of {@code key} in this request; a request of endless distinct keys stops sharing. */
  private String shared(String key) {
    String first = keys.get(key);
    if (first != null) {
      return first;
    }
    if (keys.size() < MAX_SHARED_KEYS) {
      keys.put(key, key);
    }
    return key;
  }

  /**
   * The text form of a single value such as a log body, tagged under {@code tagKey} unless it is a
   * string. Returns null, leaving the reason in {@link #problem()}, when it is too long.
   */
  String value(AnyValue value, String tagKey) {
    String text;
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      text = value.getStringValue();
    } else {
      text = AnyValues.text(value);
      tag(tagKey, AnyValues.tag(value));
    }
    if (tooLong(text)) {
      problem = tagKey + tooLongMessage(text);
      return null;
    }
    return text;
  }

  /** The problem with a record time, or null when it is inside the acceptance window. */
  String checkTime(String field, long unixNanos) {
    if (unixNanos < earliestNanos) {
      return field + " " + instant(unixNanos) + " is more than " + human(limits.maxPast())
          + " before the receive time " + instant(receiveNanos);
    }
    if (unixNanos > latestNanos) {
      return field + " " + instant(unixNanos) + " is more than " + human(limits.maxFuture())
          + " after the receive time " + instant(receiveNanos);
    }
    return null;
  }

  /** The problem with a record carrying {@code count} attributes in all, or null. */
  String checkAttributeCount(int count) {
    return count <= limits.maxAttributes()
        ? null
        : "has " + count + " attributes with its resource and scope, more than the limit of "
            + limits.maxAttributes();
  }

  /** Records why the current record is rejected and returns null, for "return context.fail(...)". */
  <T> T fail(String why) {
    problem = why;
    return null;
  }

  /**
   * Counts a rejected record whose reason is {@link #problem()}; true for the first one of the
   * request, whose caller then says where it was with {@link #describeFirstRejection}.
   */
  boolean countRejection() {
    return rejected++ == 0;
  }

  void describeFirstRejection(String where) {
    firstRejection = where + ": " + problem;
  }

  int rejected() {
    return rejected;
  }

  String rejectionMessage() {
    if (rejected <= 1) {
      return firstRejection;
    }
    return firstRejection + " (and " + (rejected - 1) + " more rejected records)";
  }

  private boolean tooLong(String text) {
    return Utf8.longerThan(text, maxValueBytes);
  }

  private String tooLongMessage(String text) {
    return " is " + Utf8.length(text) + " bytes, more than the limit of " + maxValueBytes;
  }

  /** Names the over-long key by its start only: the refusal must not echo it back whole. */
  private String keyTooLong(String prefix, int index, String key) {
    return "key of " + tagKey(prefix, index, Utf8.abbreviate(key)) + " is " + Utf8.length(key)
        + " bytes, more than the limit of " + maxKeyBytes;
  }

  private static String tagKey(String prefix, int index, String key) {
    return index < 0 ? prefix + key : prefix + index + "." + key;
  }

  private static String instant(long unixNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L), Math.floorMod(unixNanos, 1_000_000_000L))
        .toString();
  }

  private static String human(Duration duration) {
    long seconds = duration.getSeconds();
    if (duration.getNano() != 0) {
      return duration.toString();
    }
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
