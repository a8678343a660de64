package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

class HybridEncoderTest {
  @Test
  void writesTheBytesOfParquetsEncoderForEveryBitWidth() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
      for (int count : new int[] {0, 1, 7, 8, 9, 63 * 8, 63 * 8 + 1, 5000}) {
        int[] values = values(random, bitWidth, count);
        assertThat(ours(bitWidth, values)).as("bit width %d, %d values", bitWidth, count).isEqualTo(parquets(bitWidth, values));
      }
    }
  }

  /** Runs of one value of every length from 1 to 40 and stretches of distinct values, mixed. */
  private static int[] values(SplittableRandom random, int bitWidth, int count) {
    long bound = bitWidth == 32 ? 1L << 32 : 1L << bitWidth;
    int[] values = new int[count];
    int i = 0;
    while (i < count) {
      int value = (int) random.nextLong(bound);
      int length = random.nextBoolean() ? 1 + random.nextInt(40) : 1;
      for (int j = 0; j < length && i < count; j++) {
        values[i++] = value;
      }
    }
    return values;
  }

  private static byte[] ours(int bitWidth, int[] values) {
    HybridEncoder encoder = new HybridEncoder(bitWidth, values.length);
    for (int value : values) {
      encoder.write(value);
    }
    return encoder.toBytes();
  }

  private static byte[] parquets(int bitWidth, int[] values) throws IOException {
    try (RunLengthBitPackingHybridEncoder encoder =
        new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, new HeapByteBufferAllocator())) {
      for (int value : values) {
        encoder.writeInt(value);
      }
      return encoder.toBytes().toByteArray();
    }
  }
}
