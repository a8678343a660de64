package dev.floe.query.scan;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** An Iceberg input file (from a table's FileIO, or WAL bytes in memory) as Parquet's input file. */
final class ParquetInputFile implements InputFile {
  private final org.apache.iceberg.io.InputFile file;

  ParquetInputFile(org.apache.iceberg.io.InputFile file) {
    this.file = file;
  }

  @Override
  public long getLength() {
    return file.getLength();
  }

  @Override
  public SeekableInputStream newStream() {
    org.apache.iceberg.io.SeekableInputStream stream = file.newStream();
    return new DelegatingSeekableInputStream(stream) {
      @Override
      public long getPos() throws IOException {
        return stream.getPos();
      }

      @Override
      public void seek(long position) throws IOException {
        stream.seek(position);
      }
    };
  }

  @Override
  public String toString() {
    return file.location();
  }
}
