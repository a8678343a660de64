package dev.floe.query.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.ValuesReader;

/**
 * The current page's values of a leaf, by encoding: plain values read from the page's own array,
 * dictionary ids decoded by {@link HybridDecoder} (skipped ids passed over together when the next one
 * is read), other encodings through parquet-mr's value readers. Subclasses store the values.
 */
abstract class EncodedValues implements LeafValues {
  protected final ColumnDescriptor descriptor;
  /** The plain page's bytes, or null when the page is not plain; the next value starts at {@code position}. */
  protected byte[] plain;
  protected int position;
  /** The reader of another encoding, or null. */
  protected ValuesReader other;
  private HybridDecoder dictionaryIds;
  private int idsToSkip;

  EncodedValues(ColumnDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** Whether the current page holds dictionary ids. */
  final boolean dictionaryEncoded() {
    return dictionaryIds != null;
  }

  /** The next dictionary id of a dictionary-encoded page. */
  final int nextId() {
    if (idsToSkip > 0) {
      dictionaryIds.skip(idsToSkip);
      idsToSkip = 0;
    }
    return dictionaryIds.next();
  }

  /** Moves past the next {@code count} values of a plain page. */
  abstract void skipPlain(int count);

  @Override
  public final void skip(int count) {
    if (plain != null) {
      skipPlain(count);
    } else if (dictionaryIds != null) {
      idsToSkip += count;
    } else {
      for (int i = 0; i < count; i++) {
        other.skip();
      }
    }
  }

  @Override
  public final void page(Encoding encoding, ByteBuffer page, int offset, int valueCount) throws IOException {
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
      // A one-byte bit width, then the ids.
      dictionaryIds = new HybridDecoder(page.array(), start + 1, end, page.array()[start] & 0xff);
    } else {
      other = encoding.getValuesReader(descriptor, ValuesType.VALUES);
      other.initFromPage(valueCount, ByteBufferInputStream.wrap(ByteBuffer.wrap(page.array(), start, end - start)));
    }
  }
}
