package dev.floe.query.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of a string, fixed or binary leaf, without parquet-mr's per-value {@code Binary}
 * objects: plain values are copied from the page into the column's own array, dictionary ids point
 * into the row group's dictionary, decoded once into one byte array (fixed-length dictionaries, rare,
 * and other value encodings through parquet-mr's readers).
 */
final class StringValues implements LeafValues {
  private final ColumnDescriptor descriptor;
  private final StringColumn column;
  /** The length of every value of a fixed column, whose plain values have no length prefix; -1 otherwise. */
  private final int fixedLength;
  // The current page's values: plain bytes and where the next value starts, dictionary ids, or
  // parquet-mr's reader for other encodings.
  private byte[] plain;
  private int position;
  private HybridDecoder dictionaryIds;
  /** Dictionary ids skipped but not yet moved past: skipped together when the next id is read. */
  private int idsToSkip;
  private ValuesReader other;

  StringValues(ColumnDescriptor descriptor, StringColumn column) {
    this.descriptor = descriptor;
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
    } else if (dictionaryIds != null) {
      if (idsToSkip > 0) {
        dictionaryIds.skip(idsToSkip);
        idsToSkip = 0;
      }
      column.setId(out, dictionaryIds.next());
    } else {
      column.set(out, other.readBytes());
    }
  }

  @Override
  public void skip(int count) {
    if (count == 0) {
      return;
    }
    if (plain != null) {
      for (int i = 0; i < count; i++) {
        position += fixedLength >= 0 ? fixedLength : 4 + LeafPages.intAt(plain, position);
      }
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
      int bitWidth = page.array()[start] & 0xff;
      dictionaryIds = new HybridDecoder(page.array(), start + 1, end, bitWidth);
    } else {
      other = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      other.initFromPage(valueCount, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start, end - start)));
    }
  }
}
