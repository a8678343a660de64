package dev.floe.otlp;

import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link OtlpMapper}.
 *
 * @param limits what a record may look like to be accepted
 * @param streamLabelAttributes resource attributes that become Loki stream labels (see {@link
 *     StreamLabels}); service.name is always one
 */
public record MappingConfig(MappingLimits limits, List<String> streamLabelAttributes) {
  private static final MappingConfig DEFAULTS =
      new MappingConfig(MappingLimits.defaults(), StreamLabels.DEFAULT_ATTRIBUTES);

  public MappingConfig {
    Objects.requireNonNull(limits, "limits");
    streamLabelAttributes = List.copyOf(streamLabelAttributes);
  }

  /** {@link MappingLimits#defaults()} and Loki's default stream labels. */
  public static MappingConfig defaults() {
    return DEFAULTS;
  }
}
