package dev.floe.wal;

import java.nio.ByteBuffer;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a fixed-length column (trace and span ids) from the heap buffers rows hold, as array-backed
 * binaries that Parquet may keep without copying: Iceberg's writer hands Parquet each value as a
 * reused buffer, which its dictionary and statistics then copy, hash and compare through the
 * buffer. Same bytes in the file.
 */
final class FixedBytesWriter extends ParquetValueWriters.PrimitiveWriter<ByteBuffer> {
  FixedBytesWriter(ColumnDescriptor column) {
    super(column);
  }

  @Override
  public void write(int repetitionLevel, ByteBuffer value) {
    column.writeBinary(repetitionLevel, binary(value));
  }

  private static Binary binary(ByteBuffer value) {
    if (!value.hasArray()) {
      return Binary.fromReusedByteBuffer(value);
    }
    // Rows do not change while their segment is encoded, so Parquet may keep the bytes uncopied.
    return Binary.fromConstantByteArray(value.array(), value.arrayOffset() + value.position(), value.remaining());
  }
}
