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
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The pages of a string, fixed or binary leaf, decoded directly rather than through parquet-mr's
 * column reader and its per-value {@code Binary} objects: levels with {@link HybridDecoder}, plain
 * values copied from the page into the column's own array, dictionary ids into the row group's
 * dictionary, which is decoded once into one byte array (fixed-length dictionaries, rare, and other
 * value encodings through parquet-mr's readers).
 */
final class StringPages {
  private final ColumnDescriptor descriptor;
  private final ChunkPages pages;
  private final StringColumn column;
  private final int maxRepetition;
  private final int maxDefinition;
  /** The length of every value of a fixed column, whose plain values have no length prefix; -1 otherwise. */
  private final int fixedLength;
  private int pageRemaining;
  private SmallInts repetitions;
  private SmallInts definitions;
  private int repetition;
  private int definition;
  // The current page's values: plain bytes and where the next value starts, dictionary ids, or
  // parquet-mr's reader for other encodings.
  private byte[] plain;
  private int position;
  private HybridDecoder dictionaryIds;
  private ValuesReader other;
  private boolean dictionaryRead;

  StringPages(ColumnDescriptor descriptor, ChunkPages pages, StringColumn column) {
    this.descriptor = descriptor;
    this.pages = pages;
    this.column = column;
    this.maxRepetition = descriptor.getMaxRepetitionLevel();
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
    this.fixedLength = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
        ? descriptor.getPrimitiveType().getTypeLength()
        : -1;
  }

  ColumnDescriptor descriptor() {
    return descriptor;
  }

  int maxDefinition() {
    return maxDefinition;
  }

  /** Moves to the next value's levels, starting the next page when this one is done. */
  void nextLevels() {
    if (pageRemaining == 0) {
      nextPage();
    }
    pageRemaining--;
    repetition = repetitions == null ? 0 : repetitions.next();
    definition = definitions == null ? maxDefinition : definitions.next();
  }

  int repetition() {
    return repetition;
  }

  int definition() {
    return definition;
  }

  /** Forgets the current page: the next levels come from the next page the chunk hands out. */
  void dropPage() {
    pageRemaining = 0;
  }

  /** Stores the current value (whose definition level is the maximum) as entry {@code out}. */
  void readValue(int out) {
    if (plain != null) {
      if (fixedLength >= 0) {
        column.set(out, plain, position, fixedLength);
        position += fixedLength;
      } else {
        int length = intAt(plain, position);
        column.set(out, plain, position + 4, length);
        position += 4 + length;
      }
    } else if (dictionaryIds != null) {
      column.setId(out, dictionaryIds.next());
    } else {
      column.set(out, other.readBytes());
    }
  }

  /** Moves past the current value (whose definition level is the maximum). */
  void skipValue() {
    if (plain != null) {
      position += fixedLength >= 0 ? fixedLength : 4 + intAt(plain, position);
    } else if (dictionaryIds != null) {
      dictionaryIds.next();
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
        int length = intAt(bytes, read);
        System.arraycopy(bytes, read + 4, bytes, offsets[id], length);
        offsets[id + 1] = offsets[id] + length;
        read += 4 + length;
      }
      column.dictionary(bytes, offsets, size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dictionary of " + path(), e);
    }
  }

  private void nextPage() {
    if (!dictionaryRead) {
      // Read with the first page: a leaf the scan never reads in a row group never decodes it.
      readDictionary();
      dictionaryRead = true;
    }
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + path() + " has fewer values than rows");
    }
    pageRemaining = page.getValueCount();
    try {
      if (page instanceof DataPageV1 v1) {
        ByteBuffer bytes = onHeap(v1.getBytes());
        byte[] array = bytes.array();
        int at = bytes.arrayOffset() + bytes.position();
        int end = bytes.arrayOffset() + bytes.limit();
        ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
        repetitions = v1Levels(v1.getRlEncoding(), maxRepetition, ValuesType.REPETITION_LEVEL, array, at, in);
        at = bytes.arrayOffset() + bytes.position() + (int) in.position();
        definitions = v1Levels(v1.getDlEncoding(), maxDefinition, ValuesType.DEFINITION_LEVEL, array, at, in);
        values(v1.getValueEncoding(), bytes, (int) in.position());
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        repetitions = v2Levels(v2.getRepetitionLevels(), maxRepetition);
        definitions = v2Levels(v2.getDefinitionLevels(), maxDefinition);
        values(v2.getDataEncoding(), onHeap(v2.getData()), 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a page of column " + path(), e);
    }
  }

  /**
   * The levels of a version 1 page starting at {@code array[at]}, whose stream {@code in} is then moved
   * past them; null when the level is always 0.
   */
  private SmallInts v1Levels(
      Encoding encoding, int maxLevel, ValuesType type, byte[] array, int at, ByteBufferInputStream in)
      throws IOException {
    if (maxLevel == 0) {
      return null;
    }
    if (encoding == Encoding.RLE) {
      // A 4-byte little-endian length, then the runs.
      int length = intAt(array, at);
      in.skipFully(4L + length);
      return new HybridDecoder(array, at + 4, at + 4 + length, BytesUtils.getWidthFromMaxInt(maxLevel));
    }
    ValuesReader reader = encoding.getValuesReader(descriptor, type);
    reader.initFromPage(pageRemaining, in);
    return reader::readInteger;
  }

  private static SmallInts v2Levels(BytesInput levels, int maxLevel) throws IOException {
    if (maxLevel == 0) {
      return null;
    }
    byte[] bytes = levels.toByteArray();
    return new HybridDecoder(bytes, 0, bytes.length, BytesUtils.getWidthFromMaxInt(maxLevel));
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
      dictionaryIds = new HybridDecoder(page.array(), start + 1, end, bitWidth);
    } else {
      other = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      other.initFromPage(pageRemaining, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start, end - start)));
    }
  }

  /** The 4-byte little-endian integer at {@code bytes[at]}. */
  private static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
  }

  private String path() {
    return String.join(".", descriptor.getPath());
  }
}
