package dev.floe.query.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of an INT64 or INT32 leaf into a {@link LongColumn} or an {@link IntColumn}: plain values
 * read from the page's bytes, dictionary ids looked up in the row group's dictionary, decoded once;
 * other encodings through parquet-mr's readers.
 */
final class NumberValues implements LeafValues {
  private final ColumnDescriptor descriptor;
  private final boolean int64;
  private final LongColumn longs;
  private final IntColumn ints;
  private long[] dictionary = new long[0];
  private byte[] plain;
  private int position;
  private HybridDecoder dictionaryIds;
  /** Dictionary ids skipped but not yet moved past: skipped together when the next id is read. */
  private int idsToSkip;
  private ValuesReader other;

  /** @param target a {@link LongColumn} or an {@link IntColumn} */
  NumberValues(ColumnDescriptor descriptor, Object target) {
    if (!decodes(descriptor)) {
      throw new IllegalArgumentException(String.join(".", descriptor.getPath()) + " is not an INT64 or INT32 leaf");
    }
    this.descriptor = descriptor;
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
    if (dictionaryIds != null) {
      if (idsToSkip > 0) {
        dictionaryIds.skip(idsToSkip);
        idsToSkip = 0;
      }
      return dictionary[dictionaryIds.next()];
    }
    return int64 ? other.readLong() : other.readInteger();
  }

  @Override
  public void skip(int count) {
    if (plain != null) {
      position += count * (int64 ? 8 : 4);
    } else if (dictionaryIds != null) {
      idsToSkip += count;
    } else {
      for (int i = 0; i < count; i++) {
        other.skip();
      }
    }
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

  @Override
  public void page(Encoding encoding, ByteBuffer page, int offset, int valueCount) throws IOException {
    plain = null;
    dictionaryIds = null;
    idsToSkip = 0;
    other = null;
    int start = page.arrayOffset() + page.position() + offset;
    int end = page.arrayOffset() + page.limit();
    if (encoding == Encoding.PLAIN) {
      plain = page.array();
      position = start;
    } else if (encoding.usesDictionary()) {
      dictionaryIds = new HybridDecoder(page.array(), start + 1, end, page.array()[start] & 0xff);
    } else {
      other = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      other.initFromPage(valueCount, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start, end - start)));
    }
  }
}
