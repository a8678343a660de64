package dev.floe.wal;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet's default (format version 1) value encoders for WAL segments, with three differences in
 * how they work and one in what they decide:
 *
 * <ul>
 *   <li>the dictionaries of string columns find a value they have seen by its identity before
 *       hashing its bytes (a segment's rows repeat the same strings dozens of times each, and {@link
 *       CachedStringWriter} hands over one {@link Binary} instance per distinct string), and keep
 *       each entry's hash as they grow;
 *   <li>plain strings and longs and the dictionary pages of strings are written by {@link PlainValues},
 *       and the dictionary ids of string and long columns by {@link HybridEncoder} (same bytes,
 *       written into one array rather than a byte at a time through a stream of slabs);
 *   <li>a string or long column decides whether its dictionary pays after {@value
 *       DictionaryVerdict#SAMPLE} values instead of at the end of its first page, by Parquet's own
 *       rule (dictionary plus ids smaller than the plain values). A column of unique values (times,
 *       ids) then stops building a dictionary it would throw away. Only a column whose first values
 *       repeat far less than its later ones is encoded differently from Parquet's default: plainly
 *       instead of with a dictionary, which readers handle alike.
 * </ul>
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
    boolean longs = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64;
    if (!string && !longs) {
      return defaults.newValuesWriter(column);
    }
    PlainValues plain = new PlainValues(properties.getInitialSlabSize());
    if (!properties.isDictionaryEnabled(column)) {
      return plain;
    }
    int maxDictionaryBytes = properties.getDictionaryPageSizeThreshold();
    // As Parquet's version 1 factory builds these writers, with the dictionary swapped.
    return FallbackValuesWriter.of(
        string ? new StringDictionary(maxDictionaryBytes, properties) : new LongDictionary(maxDictionaryBytes, properties),
        plain);
  }

  /**
   * A dictionary-encoded page's values: the ids' bit width in a byte, then the ids in the RLE /
   * bit-packing hybrid, as Parquet writes them.
   */
  static BytesInput dictionaryIds(IntList ids, int dictionarySize) {
    int bitWidth = BytesUtils.getWidthFromMaxInt(dictionarySize - 1);
    HybridEncoder encoder = new HybridEncoder(bitWidth, ids.size());
    IntList.IntIterator values = ids.iterator();
    while (values.hasNext()) {
      encoder.write(values.next());
    }
    return BytesInput.concat(BytesInput.from(new byte[] {(byte) bitWidth}), BytesInput.from(encoder.toBytes()));
  }

  /**
   * Parquet's rule for keeping a dictionary, applied to a column chunk's first {@value #SAMPLE}
   * values: the dictionary and the ids must take fewer bytes than the plain values.
   */
  static final class DictionaryVerdict {
    static final int SAMPLE = 1024;

    private int values;
    private long plainBytes;
    private boolean unprofitable;

    /** Counts a value of {@code bytes} plain bytes written to a dictionary of the given size. */
    void count(int bytes, int dictionarySize, long dictionaryBytes) {
      plainBytes += bytes;
      if (++values == SAMPLE) {
        long idBytes = 1 + ((long) SAMPLE * BytesUtils.getWidthFromMaxInt(dictionarySize - 1) + 7) / 8;
        unprofitable = dictionaryBytes + idBytes >= plainBytes;
      }
    }

    boolean unprofitable() {
      return unprofitable;
    }

    void reset() {
      values = 0;
      plainBytes = 0;
      unprofitable = false;
    }
  }

  /**
   * Parquet's plain string dictionary (same ids, same pages) on a hash table of Floe's own, which
   * keeps each entry's hash: Parquet's table hashes every entry's bytes again each time it grows,
   * and a column of mostly distinct values (request ids, addresses) makes it grow a dozen times per
   * segment. An identity map in front finds a repeated {@link Binary} instance without hashing its
   * bytes at all. Only values whose bytes cannot change ({@link Binary#isBackingBytesReused()}
   * false) are remembered by identity, and only once they repeat, so a column of unique values
   * costs one identity probe per value.
   */
  static final class StringDictionary extends DictionaryValuesWriter {
    /** Enough for the repeated values of a segment; beyond it lookups go by content alone. */
    private static final int MAX_IDENTITIES = 4096;

    private final Map<Binary, Integer> identities = new IdentityHashMap<>();
    private final DictionaryVerdict verdict = new DictionaryVerdict();
    private Binary[] entries = new Binary[64];
    private int[] hashes = new int[64];
    /** Open addressing: entry id + 1 per slot, 0 for an empty slot. */
    private int[] slots = new int[128];
    private int size;

    StringDictionary(int maxDictionaryBytes, ParquetProperties properties) {
      super(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, properties.getAllocator());
    }

    @Override
    public void writeBytes(Binary value) {
      Integer known = identities.get(value);
      int id = known != null ? known : idOf(value);
      encodedValues.add(id);
      if (lastUsedDictionarySize == 0) {
        verdict.count(4 + value.length(), size, dictionaryByteSize);
      }
    }

    private int idOf(Binary value) {
      int hash = value.hashCode();
      int mask = slots.length - 1;
      for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
        int id = slots[slot] - 1;
        if (id < 0) {
          return add(value.copy(), hash, slot);
        }
        if (hashes[id] == hash && entries[id].equals(value)) {
          if (!value.isBackingBytesReused() && identities.size() < MAX_IDENTITIES) {
            identities.put(value, id);
          }
          return id;
        }
      }
    }

    private int add(Binary value, int hash, int slot) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
      }
      int id = size++;
      entries[id] = value;
      hashes[id] = hash;
      slots[slot] = id + 1;
      dictionaryByteSize += 4L + value.length();
      if (size * 2 > slots.length) {
        growSlots();
      }
      return id;
    }

    private void growSlots() {
      slots = new int[slots.length * 2];
      int mask = slots.length - 1;
      for (int id = 0; id < size; id++) {
        int slot = mix(hashes[id]) & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
      }
    }

    private static int mix(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }

    @Override
    public boolean shouldFallBack() {
      return verdict.unprofitable() || super.shouldFallBack();
    }

    @Override
    public BytesInput getBytes() {
      BytesInput page = dictionaryIds(encodedValues, getDictionarySize());
      lastUsedDictionarySize = getDictionarySize();
      lastUsedDictionaryByteSize = Math.toIntExact(dictionaryByteSize);
      return page;
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
      if (lastUsedDictionarySize == 0) {
        return null;
      }
      PlainValues page = new PlainValues(lastUsedDictionaryByteSize);
      for (int id = 0; id < lastUsedDictionarySize; id++) {
        page.writeBytes(entries[id]);
      }
      return dictPage(page);
    }

    @Override
    protected int getDictionarySize() {
      return size;
    }

    @Override
    protected void fallBackDictionaryEncodedData(ValuesWriter writer) {
      IntList.IntIterator ids = encodedValues.iterator();
      while (ids.hasNext()) {
        writer.writeBytes(entries[ids.next()]);
      }
    }

    @Override
    protected void clearDictionaryContent() {
      Arrays.fill(entries, 0, size, null);
      Arrays.fill(slots, 0);
      size = 0;
      identities.clear();
      verdict.reset();
    }
  }

  /** Parquet's long dictionary with an early verdict. */
  static final class LongDictionary extends DictionaryValuesWriter.PlainLongDictionaryValuesWriter {
    private final DictionaryVerdict verdict = new DictionaryVerdict();

    LongDictionary(int maxDictionaryBytes, ParquetProperties properties) {
      super(maxDictionaryBytes, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, properties.getAllocator());
    }

    @Override
    public void writeLong(long value) {
      super.writeLong(value);
      if (lastUsedDictionarySize == 0) {
        verdict.count(Long.BYTES, getDictionarySize(), dictionaryByteSize);
      }
    }

    @Override
    public boolean shouldFallBack() {
      return verdict.unprofitable() || super.shouldFallBack();
    }

    @Override
    public BytesInput getBytes() {
      BytesInput page = dictionaryIds(encodedValues, getDictionarySize());
      lastUsedDictionarySize = getDictionarySize();
      lastUsedDictionaryByteSize = Math.toIntExact(dictionaryByteSize);
      return page;
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      verdict.reset();
    }
  }
}
