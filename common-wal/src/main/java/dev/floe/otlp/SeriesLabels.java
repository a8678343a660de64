package dev.floe.otlp;

import java.util.Arrays;
import java.util.Map;

/**
 * Builds the {@code series_labels} of metric data points: {@code __name__} (the metric name), the
 * data point attributes with their keys as they are, the resource attributes as {@code
 * resource.<key>}, and {@code scope.name} and {@code scope.version} when not empty, in the canonical
 * form of {@link LabelSets}. Should two of them have the same key, {@code __name__} keeps the metric
 * name and a data point attribute wins over a resource or scope one.
 */
final class SeriesLabels {
  static final String NAME_LABEL = "__name__";

  private static final String[] NONE = new String[0];

  /** Resource and scope labels of one scope, sorted; shared by all its data points. */
  private final String[] baseKeys;
  private final String[] baseValues;
  private final StringBuilder text = new StringBuilder(256);

  SeriesLabels(ResourceScope resourceScope) {
    Map<String, String> resource = resourceScope.resourceAttributes;
    int size = resource.size() + (resourceScope.scopeName() != null ? 1 : 0)
        + (resourceScope.scopeVersion() != null ? 1 : 0);
    String[] keys = new String[size];
    int i = 0;
    for (String key : resource.keySet()) {
      keys[i++] = ResourceScope.RESOURCE_PREFIX + key;
    }
    if (resourceScope.scopeName() != null) {
      keys[i++] = "scope.name";
    }
    if (resourceScope.scopeVersion() != null) {
      keys[i++] = "scope.version";
    }
    Arrays.sort(keys, LabelSets::compareNames);
    String[] values = new String[size];
    for (int k = 0; k < size; k++) {
      String key = keys[k];
      if (key.equals("scope.name")) {
        values[k] = resourceScope.scopeName();
      } else if (key.equals("scope.version")) {
        values[k] = resourceScope.scopeVersion();
      } else {
        values[k] = resource.get(key.substring(ResourceScope.RESOURCE_PREFIX.length()));
      }
    }
    // A resource attribute literally named "scope.name" is "resource.scope.name", so no clash here.
    this.baseKeys = keys;
    this.baseValues = values;
  }

  /** The canonical series label set of one data point. */
  String format(String metricName, Map<String, String> pointAttributes) {
    String[] pointKeys = pointAttributes.isEmpty() ? NONE : pointAttributes.keySet().toArray(NONE);
    if (pointKeys.length > 1) {
      Arrays.sort(pointKeys, LabelSets::compareNames);
    }
    StringBuilder out = text;
    out.setLength(0);
    out.append('{');
    boolean nameDone = false;
    int p = 0;
    int b = 0;
    boolean first = true;
    while (true) {
      String pointKey = p < pointKeys.length ? pointKeys[p] : null;
      String baseKey = b < baseKeys.length ? baseKeys[b] : null;
      String key = nameDone ? null : NAME_LABEL;
      if (pointKey != null && (key == null || LabelSets.compareNames(pointKey, key) < 0)) {
        key = pointKey;
      }
      if (baseKey != null && (key == null || LabelSets.compareNames(baseKey, key) < 0)) {
        key = baseKey;
      }
      if (key == null) {
        break;
      }
      String value;
      if (!nameDone && key.equals(NAME_LABEL)) {
        value = metricName;
        nameDone = true;
        if (key.equals(pointKey)) {
          p++;
        }
        if (key.equals(baseKey)) {
          b++;
        }
      } else if (key.equals(pointKey)) {
        value = pointAttributes.get(pointKey);
        p++;
        if (key.equals(baseKey)) {
          b++;
        }
      } else {
        value = baseValues[b];
        b++;
      }
      LabelSets.appendPair(out, first, key, value);
      first = false;
    }
    return out.append('}').toString();
  }
}
