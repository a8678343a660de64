package dev.floe.query.scan;

import java.io.IOException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of a string, fixed or binary leaf, without parquet-mr's per-value {@code Binary}
 * objects: plain values are copied from the page into the column's own array, dictionary ids point
 * into the row group's dictionary, decoded once into one byte array (fixed-length dictionaries, rare,
 * and other value encodings through parquet-mr's readers).
 */
final class StringValues extends EncodedValues {
  private final StringColumn column;
  /** The length of every value of a fixed column, whose plain values have no length prefix; -1 otherwise. */
  private final int fixedLength;

  StringValues(ColumnDescriptor descriptor, StringColumn column) {
    super(descriptor);
    this.column = column;
    this.fixedLength = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        ? descriptor.getPrimitiveType().getTypeLength()
        : -1;
  }

  @Override
  public void ensure(int size) {
    column.ensure(size);
  }

  @Override
  public void setNull(int out) {
    column.setNull(out);
  }

  @Override
  public void read(int out) {
    if (plain != null) {
      if (fixedLength >= 0) {
        column.set(out, plain, position, fixedLength);
        position += fixedLength;
      } else {
        int length = LeafPages.intAt(plain, position);
        column.set(out, plain, position + 4, length);
        position += 4 + length;
      }
    } else if (dictionaryEncoded()) {
      column.setId(out, nextId());
    } else {
      column.set(out, other.readBytes());
    }
  }

  @Override
  void skipPlain(int count) {
    for (int i = 0; i < count; i++) {
      position += fixedLength >= 0 ? fixedLength : 4 + LeafPages.intAt(plain, position);
    }
  }

  @Override
  public void dictionary(DictionaryPage page) throws IOException {
    if (page == null) {
      column.dictionary(null);
      return;
    }
    Encoding encoding = page.getEncoding();
    if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY || fixedLength >= 0) {
      column.dictionary(encoding.initDictionary(descriptor, page));
      return;
    }
    byte[] bytes = page.getBytes().toByteArray();
    int size = page.getDictionarySize();
    int[] offsets = new int[size + 1];
    // Plain values are length-prefixed; moving each value over its prefix packs them end to end.
    int read = 0;
    for (int id = 0; id < size; id++) {
      int length = LeafPages.intAt(bytes, read);
      System.arraycopy(bytes, read + 4, bytes, offsets[id], length);
      offsets[id + 1] = offsets[id] + length;
      read += 4 + length;
    }
    column.dictionary(bytes, offsets, size);
  }
}
