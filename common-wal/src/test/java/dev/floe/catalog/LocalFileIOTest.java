package dev.floe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {
  @TempDir Path warehouse;

  @Test
  void writersCreatingTheSamePartitionFolderAtOnceAllSucceed() {
    LocalFileIO io = new LocalFileIO();
    int writers = 8;
    for (int round = 0; round < 50; round++) {
      Path folder = warehouse.resolve("data/day=" + round);
      CyclicBarrier start = new CyclicBarrier(writers);
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String location = folder.resolve("file-" + w + ".parquet").toUri().toString();
        writes.add(CompletableFuture.runAsync(() -> write(io, location, start)));
      }
      writes.forEach(CompletableFuture::join);
      assertThat(io.listPrefix(folder.toUri().toString())).hasSize(writers);
    }
  }

  private static void write(LocalFileIO io, String location, CyclicBarrier start) {
    try {
      start.await();
      try (PositionOutputStream out = io.newOutputFile(location).create()) {
        out.write(1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
