package dev.floe.wal;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet's default (format version 1) value encoders, except that the dictionaries of string
 * columns find a value they have seen by its identity before hashing its bytes.
 *
 * <p>Parquet's binary dictionary hashes and compares every value's bytes, and a segment's rows
 * repeat the same strings dozens of times each (resource attributes, map keys, stream labels).
 * {@link CachedStringWriter} hands over one {@link Binary} instance per distinct string, so an
 * identity map resolves those repeats without touching the bytes. Dictionary ids, pages and
 * fallback are unchanged, and so are the bytes written.
 */
final class SegmentValuesWriters implements ValuesWriterFactory {
  private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
  private ParquetProperties properties;

  @Override
  public void initialize(ParquetProperties properties) {
    if (properties.getWriterVersion() != ParquetProperties.WriterVersion.PARQUET_1_0) {
      throw new IllegalArgumentException("WAL segments are written with Parquet format version 1 encodings");
    }
    this.properties = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    PrimitiveType type = column.getPrimitiveType();
    boolean string =
        type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
            && type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
    if (!string || !properties.isDictionaryEnabled(column)) {
      return defaults.newValuesWriter(column);
    }
    // As Parquet's version 1 factory builds a binary column's writer, with the dictionary swapped.
    return FallbackValuesWriter.of(
        new IdentityFirstDictionary(
            properties.getDictionaryPageSizeThreshold(),
            Encoding.PLAIN_DICTIONARY,
            Encoding.PLAIN_DICTIONARY,
            properties),
        new PlainValuesWriter(
            properties.getInitialSlabSize(), properties.getPageSizeThreshold(), properties.getAllocator()));
  }

  /**
   * Parquet's binary dictionary with an identity map in front. Only values whose bytes cannot
   * change ({@link Binary#isBackingBytesReused()} false) are remembered, and only once they repeat,
   * so a column of unique values (ids, bodies) costs one identity probe per value and no memory.
   */
  static final class IdentityFirstDictionary extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
    /** Enough for the repeated values of a segment; beyond it lookups go by content alone. */
    private static final int MAX_IDENTITIES = 4096;

    private final Map<Binary, Integer> ids = new IdentityHashMap<>();

    IdentityFirstDictionary(
        int maxDictionaryBytes, Encoding dataEncoding, Encoding dictionaryEncoding, ParquetProperties properties) {
      super(maxDictionaryBytes, dataEncoding, dictionaryEncoding, properties.getAllocator());
    }

    @Override
    public void writeBytes(Binary value) {
      Integer known = ids.get(value);
      if (known != null) {
        encodedValues.add(known);
        return;
      }
      int id = binaryDictionaryContent.getInt(value);
      if (id == -1) {
        // A new entry, exactly as the content-only dictionary adds it.
        id = binaryDictionaryContent.size();
        binaryDictionaryContent.put(value.copy(), id);
        dictionaryByteSize += 4L + value.length();
      } else if (!value.isBackingBytesReused() && ids.size() < MAX_IDENTITIES) {
        ids.put(value, id);
      }
      encodedValues.add(id);
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      ids.clear();
    }
  }
}
