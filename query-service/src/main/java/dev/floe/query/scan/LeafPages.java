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
import org.apache.parquet.column.values.ValuesReader;

/**
 * The pages of one leaf column decoded directly rather than through parquet-mr's column reader: each
 * page's repetition and definition levels with {@link HybridDecoder}, its values by a {@link
 * PageValues}. The dictionary is read with the first page, so a leaf never read in a row group costs
 * nothing.
 */
final class LeafPages {
  /** Decodes the values of a leaf's pages. */
  interface PageValues {
    /** Takes the row group's dictionary page, or null when the chunk has none. */
    void dictionary(org.apache.parquet.column.page.DictionaryPage page) throws IOException;

    /** Prepares the values that start {@code offset} bytes into {@code page}. */
    void page(Encoding encoding, ByteBuffer page, int offset, int valueCount) throws IOException;
  }

  private final ColumnDescriptor descriptor;
  private final ChunkPages pages;
  private final PageValues values;
  private final int maxRepetition;
  private final int maxDefinition;
  private int pageRemaining;
  private SmallInts repetitions;
  private SmallInts definitions;
  private int repetition;
  private int definition;
  private boolean dictionaryRead;

  LeafPages(ColumnDescriptor descriptor, ChunkPages pages, PageValues values) {
    this.descriptor = descriptor;
    this.pages = pages;
    this.values = values;
    this.maxRepetition = descriptor.getMaxRepetitionLevel();
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
  }

  int maxDefinition() {
    return maxDefinition;
  }

  /** The values of the pages the chunk has not handed out yet. */
  long valuesLeft() {
    return pages.getTotalValueCount();
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

  private void nextPage() {
    try {
      if (!dictionaryRead) {
        values.dictionary(pages.readDictionaryPage());
        dictionaryRead = true;
      }
      DataPage page = pages.readPage();
      if (page == null) {
        throw new IllegalStateException("column " + path() + " has fewer values than rows");
      }
      pageRemaining = page.getValueCount();
      if (page instanceof DataPageV1 v1) {
        ByteBuffer bytes = onHeap(v1.getBytes());
        byte[] array = bytes.array();
        int start = bytes.arrayOffset() + bytes.position();
        ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
        repetitions = v1Levels(v1.getRlEncoding(), maxRepetition, ValuesType.REPETITION_LEVEL, array, start, in);
        definitions =
            v1Levels(v1.getDlEncoding(), maxDefinition, ValuesType.DEFINITION_LEVEL, array, start + (int) in.position(), in);
        values.page(v1.getValueEncoding(), bytes, (int) in.position(), pageRemaining);
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        repetitions = v2Levels(v2.getRepetitionLevels(), maxRepetition);
        definitions = v2Levels(v2.getDefinitionLevels(), maxDefinition);
        values.page(v2.getDataEncoding(), onHeap(v2.getData()), 0, pageRemaining);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a page of column " + path(), e);
    }
  }

  /**
   * The levels of a version 1 page starting at {@code array[at]}, whose stream {@code in} is then moved
   * past them; null when the level is always 0.
   */
  private SmallInts v1Levels(Encoding encoding, int maxLevel, ValuesType type, byte[] array, int at, ByteBufferInputStream in)
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

  /** The 4-byte little-endian integer at {@code bytes[at]}. */
  static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
  }

  private String path() {
    return String.join(".", descriptor.getPath());
  }
}
