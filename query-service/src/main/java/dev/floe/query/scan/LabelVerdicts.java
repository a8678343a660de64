package dev.floe.query.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.parquet.column.Dictionary;

/**
 * The label filter's verdicts for one row group, so that it runs once per distinct label set: per
 * dictionary id where pages are dictionary-encoded, per run of equal values elsewhere (rows are
 * sorted by label set, so equal values are adjacent).
 */
final class LabelVerdicts {
  private static final byte UNKNOWN = 0;
  private static final byte KEEP = 1;
  private static final byte DROP = 2;

  private final Predicate<String> filter;
  private byte[] byId = new byte[0];
  private byte[] lastValue;
  private boolean lastVerdict;

  LabelVerdicts(Predicate<String> filter) {
    this.filter = filter;
  }

  /** Forgets the verdicts of the previous row group. */
  void reset() {
    Arrays.fill(byId, UNKNOWN);
    lastValue = null;
  }

  /** Judges every value of a row group's dictionary; false when none is kept. */
  boolean anyKept(Dictionary dictionary) {
    boolean any = false;
    for (int id = 0; id <= dictionary.getMaxId(); id++) {
      any |= verdict(id, dictionary.decodeToBinary(id).toStringUsingUTF8());
    }
    return any;
  }

  /** Whether row {@code row} of the label column is kept. */
  boolean keep(StringColumn labels, int row) {
    if (labels.isNull(row)) {
      return false;
    }
    int id = labels.dictionaryId(row);
    if (id != StringColumn.NO_ID) {
      byte known = id < byId.length ? byId[id] : UNKNOWN;
      return known == UNKNOWN ? verdict(id, labels.dictionaryValue(id)) : known == KEEP;
    }
    if (lastValue == null || !labels.valueEquals(row, lastValue)) {
      String value = labels.get(row);
      lastValue = value.getBytes(StandardCharsets.UTF_8);
      lastVerdict = filter.test(value);
    }
    return lastVerdict;
  }

  private boolean verdict(int id, String value) {
    if (id >= byId.length) {
      byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
    }
    boolean keep = filter.test(value);
    byId[id] = keep ? KEEP : DROP;
    return keep;
  }
}
