package dev.floe.push;

import java.util.List;
import java.util.Map;

/**
 * One stream of a Loki push request, as decoded from protobuf or JSON.
 *
 * @param labels the label set as sent, in Prometheus text form; parsed and checked by the mapper
 */
record LokiStream(String labels, List<Entry> entries) {

  /**
   * @param timestampNanos Unix nanoseconds
   * @param structuredMetadata name to value, in the order sent (the last of a repeated name wins)
   */
  record Entry(long timestampNanos, String line, Map<String, String> structuredMetadata) {}
}
