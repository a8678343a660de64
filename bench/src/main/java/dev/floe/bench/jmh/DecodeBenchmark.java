package dev.floe.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** Protobuf decoding alone: one serialized request of 1000 records; the score is records per second. */
public class DecodeBenchmark extends StageBenchmark {
  @Benchmark
  @OperationsPerInvocation(Batches.RECORDS)
  public ExportLogsServiceRequest decode(Batches batches) throws InvalidProtocolBufferException {
    return ExportLogsServiceRequest.parser().parseFrom(batches.bodies[0]);
  }
}
