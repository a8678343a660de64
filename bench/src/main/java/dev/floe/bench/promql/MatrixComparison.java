package dev.floe.bench.promql;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two range-query matrices: the same label sets, the same timestamps, and values equal
 * within a relative tolerance (NaN equal to NaN).
 */
final class MatrixComparison {
  private MatrixComparison() {}

  /** The outcome: points compared, and the first difference or null when there is none. */
  record Outcome(int series, long points, String firstDifference) {
    boolean equal() {
      return firstDifference == null;
    }
  }

  static Outcome compare(JsonNode expected, JsonNode actual, double relativeTolerance) {
    Map<String, JsonNode> expectedSeries = bySeries(expected);
    Map<String, JsonNode> actualSeries = bySeries(actual);
    if (!expectedSeries.keySet().equals(actualSeries.keySet())) {
      return new Outcome(expectedSeries.size(), 0,
          "series differ: expected " + expectedSeries.keySet() + ", got " + actualSeries.keySet());
    }
    long points = 0;
    for (Map.Entry<String, JsonNode> entry : expectedSeries.entrySet()) {
      JsonNode want = entry.getValue();
      JsonNode got = actualSeries.get(entry.getKey());
      if (want.size() != got.size()) {
        return new Outcome(expectedSeries.size(), points,
            entry.getKey() + ": " + want.size() + " points expected, " + got.size() + " returned");
      }
      for (int i = 0; i < want.size(); i++) {
        double wantTime = want.get(i).get(0).asDouble();
        double gotTime = got.get(i).get(0).asDouble();
        double wantValue = Double.parseDouble(want.get(i).get(1).asText());
        double gotValue = Double.parseDouble(got.get(i).get(1).asText());
        if (wantTime != gotTime || !close(wantValue, gotValue, relativeTolerance)) {
          return new Outcome(expectedSeries.size(), points,
              entry.getKey() + " at " + wantTime + ": expected " + wantValue + ", got " + gotValue + " at " + gotTime);
        }
        points++;
      }
    }
    return new Outcome(expectedSeries.size(), points, null);
  }

  private static boolean close(double expected, double actual, double relativeTolerance) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (expected == actual) {
      return true;
    }
    return Math.abs(expected - actual) <= relativeTolerance * Math.max(Math.abs(expected), Math.abs(actual));
  }

  private static Map<String, JsonNode> bySeries(JsonNode result) {
    Map<String, JsonNode> series = new HashMap<>();
    for (JsonNode entry : result) {
      Map<String, String> labels = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = entry.path("metric").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        labels.put(field.getKey(), field.getValue().asText());
      }
      series.put(labels.toString(), entry.path("values"));
    }
    return series;
  }
}
