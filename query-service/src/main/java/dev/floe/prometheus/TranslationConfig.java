package dev.floe.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * The options of Prometheus's {@code otlp} configuration section that shape series, with Prometheus
 * 3's defaults in {@link #DEFAULTS}.
 *
 * @param strategy how names are escaped and suffixed ({@code translation_strategy})
 * @param promoteResourceAttributes resource attributes copied to the labels of every series
 *     ({@code promote_resource_attributes}); they stay in {@code target_info} too
 * @param keepIdentifyingResourceAttributes whether {@code target_info} keeps {@code service.name},
 *     {@code service.namespace} and {@code service.instance.id} besides {@code job} and {@code
 *     instance} ({@code keep_identifying_resource_attributes})
 * @param promoteScopeMetadata whether series get {@code otel_scope_name} and {@code
 *     otel_scope_version} labels ({@code promote_scope_metadata})
 */
public record TranslationConfig(
    TranslationStrategy strategy,
    List<String> promoteResourceAttributes,
    boolean keepIdentifyingResourceAttributes,
    boolean promoteScopeMetadata) {

  /**
   * Prometheus 3's defaults: underscore escaping with suffixes, nothing promoted, identifying attributes
   * not in target_info, no scope labels.
   */
  public static final TranslationConfig DEFAULTS =
      new TranslationConfig(TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES, List.of(), false, false);

  public TranslationConfig {
    Objects.requireNonNull(strategy, "strategy");
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
