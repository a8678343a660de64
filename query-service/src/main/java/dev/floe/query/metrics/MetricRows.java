package dev.floe.query.metrics;

import dev.floe.prometheus.MetricPoint;
import dev.floe.prometheus.MetricType;
import dev.floe.prometheus.PointValue;
import dev.floe.prometheus.SeriesIdentity;
import dev.floe.query.scan.BooleanColumn;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.DoubleColumn;
import dev.floe.query.scan.IntColumn;
import dev.floe.query.scan.ListColumn;
import dev.floe.query.scan.LongColumn;
import dev.floe.schema.Columns;

/** Reads metric points out of scan batches of the {@code metrics} table. */
final class MetricRows {
  static final String[] COLUMNS = {
    Columns.SERIES_LABELS, Columns.METRIC_TYPE, Columns.UNIT, Columns.IS_MONOTONIC, Columns.TEMPORALITY,
    Columns.TIMESTAMP, Columns.START_TIMESTAMP, Columns.FLAGS, Columns.VALUE_DOUBLE, Columns.VALUE_INT,
    Columns.COUNT, Columns.SUM, Columns.EXPLICIT_BOUNDS, Columns.BUCKET_COUNTS, Columns.SCALE,
    Columns.ZERO_COUNT, Columns.ZERO_THRESHOLD, Columns.POSITIVE_OFFSET, Columns.POSITIVE_BUCKET_COUNTS,
    Columns.NEGATIVE_OFFSET, Columns.NEGATIVE_BUCKET_COUNTS, Columns.QUANTILES
  };

  private MetricRows() {}

  /**
   * The key under which rows of one stored series, as the translation sees it, are grouped. A record
   * rather than a joined string: dictionary-encoded values are the same {@code String} per row group,
   * so hashing a row's key reuses their cached hash codes instead of hashing a new string per row.
   */
  record IdentityKey(String seriesLabels, String type, String unit, Boolean monotonic, Integer temporality) {}

  static IdentityKey identityKey(ColumnBatch batch, int row) {
    BooleanColumn monotonic = batch.booleans(Columns.IS_MONOTONIC);
    return new IdentityKey(
        batch.strings(Columns.SERIES_LABELS).get(row), text(batch, Columns.METRIC_TYPE, row), text(batch, Columns.UNIT, row),
        monotonic.isNull(row) ? null : monotonic.get(row), integer(batch.ints(Columns.TEMPORALITY), row));
  }

  static SeriesIdentity identity(ColumnBatch batch, int row) {
    return SeriesIdentity.ofColumns(
        batch.strings(Columns.SERIES_LABELS).get(row),
        text(batch, Columns.METRIC_TYPE, row),
        text(batch, Columns.UNIT, row),
        batch.booleans(Columns.IS_MONOTONIC).isNull(row) ? null : batch.booleans(Columns.IS_MONOTONIC).get(row),
        integer(batch.ints(Columns.TEMPORALITY), row));
  }

  static MetricPoint point(SeriesIdentity identity, ColumnBatch batch, int row) {
    LongColumn start = batch.longs(Columns.START_TIMESTAMP);
    Integer flags = integer(batch.ints(Columns.FLAGS), row);
    return new MetricPoint(
        identity,
        start.isNull(row) ? 0 : start.get(row),
        batch.longs(Columns.TIMESTAMP).get(row),
        flags == null ? 0 : flags,
        value(identity.type(), batch, row));
  }

  private static PointValue value(MetricType type, ColumnBatch batch, int row) {
    long count = batch.longs(Columns.COUNT).isNull(row) ? 0 : batch.longs(Columns.COUNT).get(row);
    Double sum = number(batch.doubles(Columns.SUM), row);
    return switch (type) {
      case GAUGE, SUM, PROMETHEUS -> PointValue.Number.of(
          number(batch.doubles(Columns.VALUE_DOUBLE), row),
          batch.longs(Columns.VALUE_INT).isNull(row) ? null : batch.longs(Columns.VALUE_INT).get(row));
      case HISTOGRAM -> new PointValue.Histogram(
          count, sum, doubles(batch.lists(Columns.EXPLICIT_BOUNDS), row), longs(batch.lists(Columns.BUCKET_COUNTS), row));
      case EXPONENTIAL_HISTOGRAM, PROMETHEUS_HISTOGRAM -> new PointValue.ExponentialHistogram(
          count,
          sum,
          orZero(integer(batch.ints(Columns.SCALE), row)),
          batch.longs(Columns.ZERO_COUNT).isNull(row) ? 0 : batch.longs(Columns.ZERO_COUNT).get(row),
          batch.doubles(Columns.ZERO_THRESHOLD).isNull(row) ? 0 : batch.doubles(Columns.ZERO_THRESHOLD).get(row),
          orZero(integer(batch.ints(Columns.POSITIVE_OFFSET), row)),
          longs(batch.lists(Columns.POSITIVE_BUCKET_COUNTS), row),
          orZero(integer(batch.ints(Columns.NEGATIVE_OFFSET), row)),
          longs(batch.lists(Columns.NEGATIVE_BUCKET_COUNTS), row));
      case SUMMARY -> {
        ListColumn quantiles = batch.lists(Columns.QUANTILES);
        int size = quantiles.isNull(row) ? 0 : quantiles.size(row);
        double[] qs = new double[size];
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
          qs[i] = quantiles.doubles(Columns.QUANTILE).get(quantiles.start(row) + i);
          values[i] = quantiles.doubles(Columns.VALUE).get(quantiles.start(row) + i);
        }
        yield new PointValue.Summary(count, sum == null ? 0 : sum, qs, values);
      }
    };
  }

  private static String text(ColumnBatch batch, String column, int row) {
    return batch.strings(column).isNull(row) ? null : batch.strings(column).get(row);
  }

  private static Integer integer(IntColumn column, int row) {
    return column.isNull(row) ? null : column.get(row);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static Double number(DoubleColumn column, int row) {
    return column.isNull(row) ? null : column.get(row);
  }

  private static double[] doubles(ListColumn list, int row) {
    int size = list.isNull(row) ? 0 : list.size(row);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = list.doubles().get(list.start(row) + i);
    }
    return values;
  }

  private static long[] longs(ListColumn list, int row) {
    int size = list.isNull(row) ? 0 : list.size(row);
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] = list.longs().get(list.start(row) + i);
    }
    return values;
  }
}
