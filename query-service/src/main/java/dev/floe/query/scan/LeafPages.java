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
 * page's repetition and definition levels, decoded at once into arrays with {@link HybridDecoder} so
 * that rows can be passed over in bulk, and its values by a {@link LeafValues}. The dictionary is read
 * with the first page, so a leaf never read in a row group costs nothing.
 */
final class LeafPages {
  private final ColumnDescriptor descriptor;
  private final ChunkPages pages;
  private final LeafValues values;
  private final int maxRepetition;
  private final int maxDefinition;
  /** The current page's levels (null when the level is always 0 or the maximum), and its value count. */
  private int[] repetitions;
  private int[] definitions;
  private int pageValues;
  /** The index in the page of the value after the current one. */
  private int next;
  private int repetition;
  private int definition;
  private boolean dictionaryRead;

  LeafPages(ColumnDescriptor descriptor, ChunkPages pages, LeafValues values) {
    this.descriptor = descriptor;
    this.pages = pages;
    this.values = values;
    this.maxRepetition = descriptor.getMaxRepetitionLevel();
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
  }

  int maxDefinition() {
    return maxDefinition;
  }

  /** Moves to the next value's levels, starting the next page when this one is done. */
  void nextLevels() {
    if (next == pageValues) {
      nextPage();
    }
    repetition = repetitions == null ? 0 : repetitions[next];
    definition = definitions == null ? maxDefinition : definitions[next];
    next++;
  }

  /** Moves to the next value's levels, if the chunk has another value. */
  boolean advance() {
    if (next == pageValues && pages.getTotalValueCount() == 0) {
      return false;
    }
    nextLevels();
    return true;
  }

  /** Moves past the next {@code count} values, levels and values alike. */
  void skipValues(int count) {
    while (count > 0) {
      if (next == pageValues) {
        nextPage();
      }
      int take = Math.min(count, pageValues - next);
      values.skip(present(next, next + take));
      next += take;
      count -= take;
    }
  }

  /**
   * From the current value, which starts a row, moves past {@code rows} rows, their values skipped;
   * returns whether a value follows them, which is then the current one and starts the next row.
   */
  boolean skipRows(int rows) {
    int from = next - 1;
    while (true) {
      while (next < pageValues) {
        if (repetitions[next] == 0 && --rows == 0) {
          values.skip(present(from, next));
          repetition = 0;
          definition = definitions == null ? maxDefinition : definitions[next];
          next++;
          return true;
        }
        next++;
      }
      values.skip(present(from, next));
      if (pages.getTotalValueCount() == 0) {
        return false;
      }
      nextPage();
      from = 0;
      if (repetitions[0] == 0 && --rows == 0) {
        repetition = 0;
        definition = definitions == null ? maxDefinition : definitions[0];
        next = 1;
        return true;
      }
      next = 1;
    }
  }

  /** How many of the page's values {@code [from, to)} are present (defined at the maximum level). */
  private int present(int from, int to) {
    if (definitions == null) {
      return to - from;
    }
    int present = 0;
    for (int i = from; i < to; i++) {
      if (definitions[i] == maxDefinition) {
        present++;
      }
    }
    return present;
  }

  int repetition() {
    return repetition;
  }

  int definition() {
    return definition;
  }

  /** Forgets the current page: the next levels come from the next page the chunk hands out. */
  void dropPage() {
    next = pageValues;
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
      pageValues = page.getValueCount();
      next = 0;
      if (page instanceof DataPageV1 v1) {
        ByteBuffer bytes = onHeap(v1.getBytes());
        byte[] array = bytes.array();
        int start = bytes.arrayOffset() + bytes.position();
        ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
        repetitions = levels(
            repetitions, v1Levels(v1.getRlEncoding(), maxRepetition, ValuesType.REPETITION_LEVEL, array, start, in));
        definitions = levels(definitions, v1Levels(
            v1.getDlEncoding(), maxDefinition, ValuesType.DEFINITION_LEVEL, array, start + (int) in.position(), in));
        values.page(v1.getValueEncoding(), bytes, (int) in.position(), pageValues);
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        repetitions = levels(repetitions, v2Levels(v2.getRepetitionLevels(), maxRepetition));
        definitions = levels(definitions, v2Levels(v2.getDefinitionLevels(), maxDefinition));
        values.page(v2.getDataEncoding(), onHeap(v2.getData()), 0, pageValues);
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
    reader.initFromPage(pageValues, in);
    return reader::readInteger;
  }

  /** The page's levels from {@code source} into {@code array} (reused when large enough); null without levels. */
  private int[] levels(int[] array, SmallInts source) {
    if (source == null) {
      return null;
    }
    int[] levels = array != null && array.length >= pageValues ? array : new int[pageValues];
    if (source instanceof HybridDecoder decoder) {
      decoder.readInto(levels, pageValues);
    } else {
      for (int i = 0; i < pageValues; i++) {
        levels[i] = source.next();
      }
    }
    return levels;
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
