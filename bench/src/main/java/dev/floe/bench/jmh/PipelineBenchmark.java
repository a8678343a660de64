package dev.floe.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * The ingest path's CPU work without HTTP and storage: decode and map ten requests, then encode
 * their 10,000 rows as one segment; records per second.
 */
public class PipelineBenchmark extends StageBenchmark {
  @Benchmark
  @OperationsPerInvocation(Batches.RECORDS * Batches.REQUESTS)
  public byte[] decodeMapEncode(Batches batches) throws InvalidProtocolBufferException {
    List<Record> rows = new ArrayList<>(Batches.RECORDS * Batches.REQUESTS);
    for (byte[] body : batches.bodies) {
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parser().parseFrom(body);
      rows.addAll(batches.mapper.mapLogs(Batches.TENANT, request, batches.receiveNanos).rowsFor(Signal.LOGS));
    }
    return batches.encoder.encode(rows, Batches.FOOTER);
  }
}
