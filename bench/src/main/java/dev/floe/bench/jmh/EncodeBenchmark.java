package dev.floe.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Parquet segment encoding alone ({@code SegmentEncoder.encode}: sort, Parquet, ZSTD level 3) of
 * mapped rows in arrival order; records per second.
 */
public class EncodeBenchmark extends StageBenchmark {
  @Benchmark
  @OperationsPerInvocation(Batches.RECORDS)
  public byte[] encode1k(Batches batches) {
    return batches.encoder.encode(new ArrayList<>(batches.rows.subList(0, Batches.RECORDS)), Batches.FOOTER);
  }

  @Benchmark
  @OperationsPerInvocation(Batches.RECORDS * Batches.REQUESTS)
  public byte[] encode10k(Batches batches) {
    List<Record> rows = new ArrayList<>(batches.rows);
    return batches.encoder.encode(rows, Batches.FOOTER);
  }
}
