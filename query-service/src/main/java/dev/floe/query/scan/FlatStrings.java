package dev.floe.query.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A top-level string, fixed or binary column decoded from its pages directly, without parquet-mr's
 * per-value {@code Binary} objects: a plain page is one byte array whose values are copied into the
 * column's own array, a dictionary page yields ids into the row group's dictionary, decoded once
 * into one byte array as well (fixed-length dictionaries, rare, through parquet-mr's). Other value encodings go through parquet-mr's value readers.
 */
final class FlatStrings extends ColumnDecoder {
  private final ColumnDescriptor descriptor;
  private final ChunkPages pages;
  private final StringColumn column;
  private final int maxDefinition;
  /** The length of every value of a fixed column, whose plain values have no length prefix; -1 otherwise. */
  private final int fixedLength;
  /** Values left in the current page. */
  private int pageRemaining;
  /** Rows read or skipped so far. */
  private long rowsPassed;
  private Levels definitions;
  // The current page's values: plain bytes and where the next value starts, dictionary ids, or
  // parquet-mr's reader for other encodings.
  private byte[] plain;
  private int position;
  private RunLengthBitPackingHybridDecoder dictionaryIds;
  private ValuesReader other;

  FlatStrings(ColumnDescriptor descriptor, ChunkPages pages, StringColumn column) {
    this.descriptor = descriptor;
    this.pages = pages;
    this.column = column;
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
    this.fixedLength = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        ? descriptor.getPrimitiveType().getTypeLength()
        : -1;
    readDictionary();
  }

  @Override
  void skip(long rows) {
    long target = rowsPassed + rows;
    long start = pages.jumpTo(target);
    if (start >= 0) {
      pageRemaining = 0;
      rowsPassed = start;
    }
    super.skip(target - rowsPassed);
  }

  @Override
  void read(int rows, boolean[] keep, boolean[] load) {
    rowsPassed += rows;
    column.ensure(rows);
    try {
      int out = 0;
      for (int row = 0; row < rows; row++) {
        if (pageRemaining == 0) {
          nextPage();
        }
        pageRemaining--;
        boolean present = maxDefinition == 0 || definitions.next() == maxDefinition;
        if (keep == null || keep[row]) {
          if (present && (load == null || load[out])) {
            readValue(out);
          } else {
            if (present) {
              skipValue();
            }
            column.setNull(out);
          }
          out++;
        } else if (present) {
          skipValue();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode column " + String.join(".", descriptor.getPath()), e);
    }
  }

  private void readValue(int out) throws IOException {
    if (plain != null) {
      if (fixedLength >= 0) {
        column.set(out, plain, position, fixedLength);
        position += fixedLength;
      } else {
        int length = BytesUtils.readIntLittleEndian(plain, position);
        column.set(out, plain, position + 4, length);
        position += 4 + length;
      }
    } else if (dictionaryIds != null) {
      column.setId(out, dictionaryIds.readInt());
    } else {
      column.set(out, other.readBytes());
    }
  }

  private void skipValue() throws IOException {
    if (plain != null) {
      position += fixedLength >= 0 ? fixedLength : 4 + BytesUtils.readIntLittleEndian(plain, position);
    } else if (dictionaryIds != null) {
      dictionaryIds.readInt();
    } else {
      other.skip();
    }
  }

  private void readDictionary() {
    DictionaryPage page = pages.readDictionaryPage();
    if (page == null) {
      column.dictionary(null);
      return;
    }
    try {
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
        int length = BytesUtils.readIntLittleEndian(bytes, read);
        System.arraycopy(bytes, read + 4, bytes, offsets[id], length);
        offsets[id + 1] = offsets[id] + length;
        read += 4 + length;
      }
      column.dictionary(bytes, offsets, size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dictionary of " + String.join(".", descriptor.getPath()), e);
    }
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + String.join(".", descriptor.getPath()) + " has fewer values than rows");
    }
    pageRemaining = page.getValueCount();
    if (page instanceof DataPageV1 v1) {
      ByteBuffer bytes = onHeap(v1.getBytes());
      ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
      // A flat column has no repetition levels.
      ValuesReader levels = v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
      levels.initFromPage(pageRemaining, in);
      definitions = levels::readInteger;
      values(v1.getValueEncoding(), bytes, (int) in.position());
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      RunLengthBitPackingHybridDecoder levels = new RunLengthBitPackingHybridDecoder(
          BytesUtils.getWidthFromMaxInt(maxDefinition), v2.getDefinitionLevels().toInputStream());
      definitions = levels::readInt;
      values(v2.getDataEncoding(), onHeap(v2.getData()), 0);
    }
  }

  /** The page's bytes in an array-backed buffer: the decompressed page's own array when it has one. */
  private static ByteBuffer onHeap(BytesInput input) throws IOException {
    ByteBuffer bytes = input.toByteBuffer();
    return bytes.hasArray() ? bytes : ByteBuffer.wrap(input.toByteArray());
  }

  /** Prepares the values that start {@code offset} bytes into {@code page}. */
  private void values(Encoding encoding, ByteBuffer page, int offset) throws IOException {
    plain = null;
    dictionaryIds = null;
    other = null;
    int start = page.arrayOffset() + page.position() + offset;
    int end = page.arrayOffset() + page.limit();
    if (encoding == Encoding.PLAIN) {
      plain = page.array();
      position = start;
    } else if (encoding.usesDictionary()) {
      int bitWidth = page.array()[start] & 0xff;
      dictionaryIds = new RunLengthBitPackingHybridDecoder(
          bitWidth, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start + 1, end - start - 1)));
    } else {
      other = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      other.initFromPage(pageRemaining, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start, end - start)));
    }
  }

  /** The definition levels of the current page. */
  @FunctionalInterface
  private interface Levels {
    int next() throws IOException;
  }
}
