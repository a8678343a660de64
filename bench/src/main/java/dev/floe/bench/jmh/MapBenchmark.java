package dev.floe.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.floe.otlp.MappedRows;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OTLP to rows alone ({@code OtlpMapper.mapLogs}) of one request of 1000 records; records per
 * second. Each invocation maps a freshly decoded request, as the service does: a request mapped
 * before would have its strings' hash codes cached and map about twice as fast.
 */
public class MapBenchmark extends StageBenchmark {
  @Benchmark
  @OperationsPerInvocation(Batches.RECORDS)
  public MappedRows map(Batches batches, Fresh fresh) {
    return batches.mapper.mapLogs(Batches.TENANT, fresh.request, batches.receiveNanos);
  }

  /** A newly decoded request before every invocation, taken in turn from the batch's bodies. */
  @State(Scope.Thread)
  public static class Fresh {
    ExportLogsServiceRequest request;
    private int next;

    @Setup(Level.Invocation)
    public void decode(Batches batches) throws InvalidProtocolBufferException {
      request = ExportLogsServiceRequest.parser().parseFrom(batches.bodies[next++ % Batches.REQUESTS]);
    }
  }
}
