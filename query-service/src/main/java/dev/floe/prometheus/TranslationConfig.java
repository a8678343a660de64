package dev.floe.prometheus;

import java.util.List;

/**
 * The options of Prometheus's {@code otlp} configuration section that shape series, with Prometheus
 * 3's defaults in {@link #DEFAULTS}. The translation strategy is always Prometheus's default,
 * {@code UnderscoreEscapingWithSuffixes}.
 *
 * @param promoteResourceAttributes resource attributes copied to the labels of every series
 *     ({@code promote_resource_attributes}); they stay in {@code target_info} too
 * @param keepIdentifyingResourceAttributes whether {@code target_info} keeps {@code service.name},
 *     {@code service.namespace} and {@code service.instance.id} besides {@code job} and {@code
 *     instance} ({@code keep_identifying_resource_attributes})
 * @param promoteScopeMetadata whether series get {@code otel_scope_name} and {@code
 *     otel_scope_version} labels ({@code promote_scope_metadata})
 */
public record TranslationConfig(
    List<String> promoteResourceAttributes,
    boolean keepIdentifyingResourceAttributes,
    boolean promoteScopeMetadata) {

  /** Prometheus 3's defaults: nothing promoted, identifying attributes not in target_info, no scope labels. */
  public static final TranslationConfig DEFAULTS = new TranslationConfig(List.of(), false, false);

  public TranslationConfig {
    promoteResourceAttributes = promoteResourceAttributes.stream().map(String::strip).toList();
    for (String attribute : promoteResourceAttributes) {
      if (attribute.isBlank()) {
        throw new IllegalArgumentException("empty promoted resource attribute");
      }
    }
    if (promoteResourceAttributes.stream().distinct().count() != promoteResourceAttributes.size()) {
      throw new IllegalArgumentException("duplicated promoted resource attribute in " + promoteResourceAttributes);
    }
  }
}
