package dev.floe.query.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes what parquet-mr's own RLE / bit-packing hybrid encoder writes, runs and packed groups alike. */
class HybridDecoderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5, 8, 11, 17, 24, 31, 32})
  void decodesWhatParquetEncodes(int bitWidth) throws Exception {
    SplittableRandom random = new SplittableRandom(bitWidth);
    int[] values = new int[10_000];
    long bound = bitWidth == 32 ? 1L << 32 : 1L << bitWidth;
    for (int i = 0; i < values.length; ) {
      // Alternate long runs (RLE) with stretches of varying values (bit-packed).
      int value = (int) random.nextLong(bound);
      int length = random.nextBoolean() ? 1 + random.nextInt(40) : 1;
      for (int k = 0; k < length && i < values.length; k++) {
        values[i++] = length > 1 ? value : (int) random.nextLong(bound);
      }
    }
    RunLengthBitPackingHybridEncoder encoder =
        new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, new HeapByteBufferAllocator());
    for (int value : values) {
      encoder.writeInt(value);
    }
    byte[] encoded = encoder.toBytes().toByteArray();

    HybridDecoder decoder = new HybridDecoder(encoded, 0, encoded.length, bitWidth);
    int[] decoded = new int[values.length];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = decoder.next();
    }
    assertThat(decoded).isEqualTo(values);

    // Decoding into an array at once gives the same values.
    int[] filled = new int[values.length];
    new HybridDecoder(encoded, 0, encoded.length, bitWidth).readInto(filled, filled.length);
    assertThat(filled).isEqualTo(values);

    // Skipping any number of values lands on the value after them.
    HybridDecoder skipping = new HybridDecoder(encoded, 0, encoded.length, bitWidth);
    int at = 0;
    while (at < values.length) {
      int skip = random.nextInt(30);
      if (at + skip >= values.length) {
        break;
      }
      skipping.skip(skip);
      at += skip;
      assertThat(skipping.next()).as("value %d", at).isEqualTo(values[at]);
      at++;
    }
  }
}
