package dev.floe.prometheus;

import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus form of one stored series, made by {@link PrometheusTranslator#translate}: its metric
 * family, and the label sets of the Prometheus series its points become. A gauge, sum or exponential
 * histogram is one series named after the family; a histogram is {@code <family>_bucket} (with an
 * {@code le} label per bucket), {@code <family>_sum} and {@code <family>_count}; a summary is {@code
 * <family>} (with a {@code quantile} label per quantile), {@code <family>_sum} and {@code
 * <family>_count}. Safe to share between threads.
 */
public final class TranslatedSeries {
  static final String NAME = "__name__";
  static final String BUCKET_LABEL = "le";
  static final String QUANTILE_LABEL = "quantile";

  /** How points of the series become samples. */
  enum Shape {
    FLOAT,
    CLASSIC_HISTOGRAM,
    NATIVE_HISTOGRAM,
    SUMMARY
  }

  private final String family;
  private final FamilyType type;
  private final Shape shape;
  private final Labels targetInfo;
  /** The series of a float or native histogram, the quantile series of a summary, or the buckets. */
  private final Labels main;
  private final Labels sum;
  private final Labels count;
  private final List<Labels> series;
  /** Label sets with {@code le} or {@code quantile}, by value; points mostly repeat them. */
  private final Map<Double, Labels> withExtraLabel = new ConcurrentHashMap<>();

  TranslatedSeries(String family, FamilyType type, Shape shape, Labels labels, Labels targetInfo) {
    this.family = family;
    this.type = type;
    this.shape = shape;
    this.targetInfo = targetInfo;
    this.series = names(family, shape).stream()
        .map(name -> labels.toBuilder().set(NAME, name).build())
        .toList();
    this.main = series.isEmpty() ? labels : series.get(0);
    this.sum = series.size() == 3 ? series.get(1) : null;
    this.count = series.size() == 3 ? series.get(2) : null;
  }

  /** The names of the series of a family: one, or the three of histograms and summaries. */
  static List<String> names(String family, Shape shape) {
    if (family.isEmpty()) {
      return List.of();
    }
    return switch (shape) {
      case FLOAT, NATIVE_HISTOGRAM -> List.of(family);
      case CLASSIC_HISTOGRAM -> List.of(family + "_bucket", family + "_sum", family + "_count");
      case SUMMARY -> List.of(family, family + "_sum", family + "_count");
    };
  }

  /** The metric family name, as {@code /api/v1/metadata} lists it. */
  public String family() {
    return family;
  }

  public FamilyType type() {
    return type;
  }

  /**
   * The label sets, with {@code __name__}, of the series this one becomes; the bucket series of a
   * histogram and the quantile series of a summary also get {@code le} or {@code quantile} from each
   * point, so label matchers on those two names need the points. Empty when the metric name keeps no
   * character in a Prometheus name, and the points make no samples.
   */
  public List<Labels> series() {
    return series;
  }

  /**
   * The {@code target_info} series of this series' resource (value 1 while the resource reports), or
   * {@link Labels#EMPTY} when the resource has none: without {@code job} and {@code instance}, or with
   * no other attributes.
   */
  public Labels targetInfo() {
    return targetInfo;
  }

  Shape shape() {
    return shape;
  }

  Labels main() {
    return main;
  }

  Labels sum() {
    return sum;
  }

  Labels count() {
    return count;
  }

  /** The labels of the bucket with upper bound {@code bound}, or of the quantile {@code bound}. */
  Labels withExtraLabel(double bound) {
    return withExtraLabel.computeIfAbsent(bound, b -> main.toBuilder()
        .set(shape == Shape.SUMMARY ? QUANTILE_LABEL : BUCKET_LABEL, GoStrings.formatFloat(b))
        .build());
  }

  @Override
  public String toString() {
    return type.text() + " " + family + " " + series;
  }
}
