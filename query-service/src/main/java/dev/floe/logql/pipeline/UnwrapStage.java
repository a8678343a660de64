package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;

/**
 * {@code | unwrap x}, {@code | unwrap duration(x)}, {@code | unwrap bytes(x)}: the label's value becomes
 * the entry's sample. A line without the label is dropped; a value that does not convert keeps the line
 * with sample 0 and {@code __error__=SampleExtractionErr}, as in Loki.
 */
final class UnwrapStage implements StageFunction {
  static final String SAMPLE_ERROR = "SampleExtractionErr";

  private final String label;
  private final Stage.Conversion conversion;

  UnwrapStage(Stage.Unwrap unwrap) {
    this.label = unwrap.label();
    this.conversion = unwrap.conversion();
  }

  @Override
  public String apply(long timestampNanos, String line, EntryBuilder entry) {
    String text = entry.get(label);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      entry.setSample(convert(text));
    } catch (GoValues.ConversionException e) {
      entry.setSample(0);
      entry.setError(SAMPLE_ERROR, e.getMessage());
    }
    return line;
  }

  private double convert(String text) throws GoValues.ConversionException {
    switch (conversion) {
      case DURATION:
      case DURATION_SECONDS:
        return GoValues.parseDuration(text) / 1e9;
      case BYTES:
        return GoValues.parseBytes(text);
      default:
        return GoValues.parseFloat(text);
    }
  }
}
