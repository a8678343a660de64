package dev.floe.query.scan;

import java.io.IOException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of an INT64 or INT32 leaf into a {@link LongColumn} or an {@link IntColumn}: plain values
 * read from the page's bytes, dictionary ids looked up in the row group's dictionary, decoded once;
 * other encodings through parquet-mr's readers.
 */
final class NumberValues extends EncodedValues {
  private final boolean int64;
  private final LongColumn longs;
  private final IntColumn ints;
  private long[] dictionary = new long[0];

  /** @param target a {@link LongColumn} or an {@link IntColumn} */
  NumberValues(ColumnDescriptor descriptor, Object target) {
    super(descriptor);
    if (!decodes(descriptor)) {
      throw new IllegalArgumentException(String.join(".", descriptor.getPath()) + " is not an INT64 or INT32 leaf");
    }
    this.int64 = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
    this.longs = target instanceof LongColumn column ? column : null;
    this.ints = target instanceof IntColumn column ? column : null;
    if (longs == null && ints == null) {
      throw new IllegalArgumentException("numbers go into a LongColumn or an IntColumn, not " + target);
    }
  }

  @Override
  public void ensure(int size) {
    if (longs != null) {
      longs.ensure(size);
    } else {
      ints.ensure(size);
    }
  }

  @Override
  public void read(int out) {
    store(out, next(), false);
  }

  @Override
  public void setNull(int out) {
    store(out, 0, true);
  }

  private void store(int out, long value, boolean isNull) {
    if (longs != null) {
      longs.values[out] = value;
      longs.nulls[out] = isNull;
    } else {
      ints.values[out] = (int) value;
      ints.nulls[out] = isNull;
    }
  }

  /** Whether {@code descriptor} is a leaf this decodes. */
  static boolean decodes(ColumnDescriptor descriptor) {
    PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
    return type == PrimitiveTypeName.INT64 || type == PrimitiveTypeName.INT32;
  }

  private long next() {
    if (plain != null) {
      long value;
      if (int64) {
        value = (LeafPages.intAt(plain, position) & 0xffffffffL) | (long) LeafPages.intAt(plain, position + 4) << 32;
        position += 8;
      } else {
        value = LeafPages.intAt(plain, position);
        position += 4;
      }
      return value;
    }
    if (dictionaryEncoded()) {
      return dictionary[nextId()];
    }
    return int64 ? other.readLong() : other.readInteger();
  }

  @Override
  void skipPlain(int count) {
    position += count * (int64 ? 8 : 4);
  }

  @Override
  public void dictionary(DictionaryPage page) throws IOException {
    if (page == null) {
      dictionary = new long[0];
      return;
    }
    Dictionary values = page.getEncoding().initDictionary(descriptor, page);
    dictionary = new long[values.getMaxId() + 1];
    for (int id = 0; id < dictionary.length; id++) {
      dictionary[id] = int64 ? values.decodeToLong(id) : values.decodeToInt(id);
    }
  }
}
