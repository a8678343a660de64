package dev.floe.query.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;

/** The values of a leaf's pages ({@link LeafPages}), stored into the leaf's column vector one entry at a time. */
interface LeafValues {
  /** Takes the row group's dictionary page, or null when the chunk has none. */
  void dictionary(DictionaryPage page) throws IOException;

  /** Prepares the values that start {@code offset} bytes into {@code page}. */
  void page(Encoding encoding, ByteBuffer page, int offset, int valueCount) throws IOException;

  /** Makes room for {@code size} entries. */
  void ensure(int size);

  /** Stores the current value as entry {@code out}. */
  void read(int out);

  /** Moves past the next {@code count} values. */
  void skip(int count);

  /** Stores null as entry {@code out}. */
  void setNull(int out);
}
