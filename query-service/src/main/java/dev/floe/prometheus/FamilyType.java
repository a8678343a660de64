package dev.floe.prometheus;

/** The type of a Prometheus metric family, as {@code /api/v1/metadata} names it. */
public enum FamilyType {
  COUNTER,
  GAUGE,
  HISTOGRAM,
  SUMMARY,
  UNKNOWN;

  /** The name the metadata API uses: {@code counter}, {@code gauge}, ... */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
