package dev.floe.otlp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which resource attributes become Loki stream labels, following Loki's OTLP convention: each
 * configured attribute present on the resource becomes a label named after it with dots (and every
 * other character not allowed in a Prometheus label name) turned into underscores, and {@code
 * service_name} is always there ({@value #UNKNOWN_SERVICE} when the resource has no {@code
 * service.name}). Attributes with an empty value are left out, as Prometheus treats an empty label
 * as an absent one. Everything else stays structured metadata.
 */
public final class StreamLabels {
  public static final String SERVICE_NAME_ATTRIBUTE = "service.name";
  public static final String SERVICE_NAME_LABEL = "service_name";
  public static final String UNKNOWN_SERVICE = "unknown_service";

  /** Loki's default list of resource attributes promoted to stream labels. */
  public static final List<String> DEFAULT_ATTRIBUTES =
      List.of(
          "service.name",
          "service.namespace",
          "service.instance.id",
          "deployment.environment",
          "deployment.environment.name",
          "cloud.region",
          "cloud.availability_zone",
          "k8s.cluster.name",
          "k8s.namespace.name",
          "k8s.pod.name",
          "k8s.container.name",
          "container.name",
          "k8s.replicaset.name",
          "k8s.deployment.name",
          "k8s.statefulset.name",
          "k8s.daemonset.name",
          "k8s.cronjob.name",
          "k8s.job.name");

  private static final StreamLabels DEFAULTS = new StreamLabels(DEFAULT_ATTRIBUTES);

  private final List<String> attributeNames;
  /** Label names in canonical order, service_name included, and the attribute each comes from. */
  private final String[] labels;
  private final String[] attributes;

  private StreamLabels(List<String> attributeNames) {
    this.attributeNames = List.copyOf(attributeNames);
    Map<String, String> attributeByLabel = new LinkedHashMap<>();
    attributeByLabel.put(SERVICE_NAME_LABEL, SERVICE_NAME_ATTRIBUTE);
    for (String attribute : this.attributeNames) {
      if (attribute.isEmpty()) {
        throw new IllegalArgumentException("stream label attribute names must not be empty");
      }
      String label = labelName(attribute);
      String previous = attributeByLabel.putIfAbsent(label, attribute);
      if (previous != null && !previous.equals(attribute)) {
        throw new IllegalArgumentException(
            "resource attributes '" + previous + "' and '" + attribute + "' both map to stream label '" + label + "'");
      }
    }
    this.labels = attributeByLabel.keySet().toArray(new String[0]);
    Arrays.sort(labels, LabelSets::compareNames);
    this.attributes = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      attributes[i] = attributeByLabel.get(labels[i]);
    }
  }

  /** Loki's defaults, {@link #DEFAULT_ATTRIBUTES}. */
  public static StreamLabels defaults() {
    return DEFAULTS;
  }

  /**
   * Promotes the given resource attributes.
   *
   * @throws IllegalArgumentException if a name is empty or two names map to the same label
   */
  public static StreamLabels of(List<String> attributeNames) {
    return DEFAULT_ATTRIBUTES.equals(attributeNames) ? DEFAULTS : new StreamLabels(attributeNames);
  }

  /** The configured resource attribute names, in configured order. */
  public List<String> attributeNames() {
    return attributeNames;
  }

  /** Label name to resource attribute name, for every label a stream can have, service_name included. */
  public Map<String, String> attributeByLabel() {
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i++) {
      result.put(labels[i], attributes[i]);
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * The Prometheus label name for an attribute name: characters other than ASCII letters, digits
   * and '_' become '_', and a leading digit gets a '_' in front.
   */
  public static String labelName(String attributeName) {
    int length = attributeName.length();
    StringBuilder name = new StringBuilder(length + 1);
    if (length > 0 && attributeName.charAt(0) >= '0' && attributeName.charAt(0) <= '9') {
      name.append('_');
    }
    for (int i = 0; i < length; i++) {
      char c = attributeName.charAt(i);
      boolean valid =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      name.append(valid ? c : '_');
    }
    return name.toString();
  }

  /** The service name a resource is filed under: its service.name, or {@value #UNKNOWN_SERVICE}. */
  public static String serviceName(Map<String, String> resourceAttributes) {
    String name = resourceAttributes.get(SERVICE_NAME_ATTRIBUTE);
    return name == null || name.isEmpty() ? UNKNOWN_SERVICE : name;
  }

  /**
   * The stream of a resource.
   *
   * @param resourceAttributes the resource's attributes in text form (see {@link AnyValues#text})
   */
  public Stream streamOf(Map<String, String> resourceAttributes) {
    Objects.requireNonNull(resourceAttributes, "resourceAttributes");
    String serviceName = serviceName(resourceAttributes);
    StringBuilder text = new StringBuilder(64).append('{');
    boolean first = true;
    for (int i = 0; i < labels.length; i++) {
      String value =
          SERVICE_NAME_LABEL.equals(labels[i]) ? serviceName : resourceAttributes.get(attributes[i]);
      if (value != null && !value.isEmpty()) {
        LabelSets.appendPair(text, first, labels[i], value);
        first = false;
      }
    }
    String labelSet = text.append('}').toString();
    return new Stream(serviceName, labelSet, Fingerprints.fnv1a64(labelSet));
  }

  /**
   * A resource's stream.
   *
   * @param serviceName the {@code service_name} column
   * @param labels the canonical label set, the {@code stream_labels} column
   * @param fingerprint {@link Fingerprints#fnv1a64(String)} of {@code labels}
   */
  public record Stream(String serviceName, String labels, long fingerprint) {}
}
