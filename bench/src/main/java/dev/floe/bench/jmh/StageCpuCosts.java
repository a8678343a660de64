package dev.floe.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stage benchmarks again, timed in the CPU time of the thread that runs them instead of wall
 * time: on a machine that other work shares, wall-clock throughput falls with the CPU share the
 * benchmark gets, while CPU time per record stays close to what the stage costs. Also counts the
 * bytes each stage allocates per record, which is what the garbage collector has to handle.
 */
public final class StageCpuCosts {
  /**
   * @param recordsPerCpuSecond median over the measured invocations
   * @param allocatedBytesPerRecord median over the measured invocations
   */
  public record Cost(double recordsPerCpuSecond, double allocatedBytesPerRecord) {}

  @FunctionalInterface
  private interface Stage {
    Object run() throws InvalidProtocolBufferException;
  }

  @FunctionalInterface
  private interface Preparation {
    void run() throws InvalidProtocolBufferException;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private StageCpuCosts() {}

  /** Measures every stage for about {@code seconds} after as long a warm-up; keyed like the JMH results. */
  public static Map<String, Cost> measure(int seconds) throws InvalidProtocolBufferException {
    Batches batches = new Batches();
    batches.setUp();
    MapBenchmark.Fresh fresh = new MapBenchmark.Fresh();
    DecodeBenchmark decode = new DecodeBenchmark();
    MapBenchmark map = new MapBenchmark();
    EncodeBenchmark encode = new EncodeBenchmark();
    PipelineBenchmark pipeline = new PipelineBenchmark();
    Map<String, Cost> costs = new LinkedHashMap<>();
    costs.put("DecodeBenchmark.decode", measure(seconds, Batches.RECORDS, () -> decode.decode(batches), null));
    costs.put("MapBenchmark.map", measure(seconds, Batches.RECORDS, () -> map.map(batches, fresh),
        () -> fresh.decode(batches)));
    costs.put("EncodeBenchmark.encode1k", measure(seconds, Batches.RECORDS, () -> encode.encode1k(batches), null));
    int batch = Batches.RECORDS * Batches.REQUESTS;
    costs.put("EncodeBenchmark.encode10k", measure(seconds, batch, () -> encode.encode10k(batches), null));
    costs.put("PipelineBenchmark.decodeMapEncode",
        measure(seconds, batch, () -> pipeline.decodeMapEncode(batches), null));
    return costs;
  }

  private static Cost measure(int seconds, int records, Stage stage, Preparation before)
      throws InvalidProtocolBufferException {
    long thread = Thread.currentThread().getId();
    run(stage, before, System.nanoTime() + seconds * 1_000_000_000L, Integer.MAX_VALUE, null, null, thread);
    long[] cpu = new long[100_000];
    long[] allocated = new long[cpu.length];
    int count = run(stage, before, System.nanoTime() + seconds * 1_000_000_000L, cpu.length, cpu, allocated, thread);
    Arrays.sort(cpu, 0, count);
    Arrays.sort(allocated, 0, count);
    return new Cost(records / (cpu[count / 2] / 1e9), allocated[count / 2] / (double) records);
  }

  private static int run(Stage stage, Preparation before, long deadline, int max, long[] cpu, long[] allocated, long thread)
      throws InvalidProtocolBufferException {
    int count = 0;
    Object sink = null;
    while (count < max && (count == 0 || System.nanoTime() < deadline)) {
      if (before != null) {
        before.run();
      }
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long allocated0 = THREADS.getThreadAllocatedBytes(thread);
      sink = stage.run();
      if (cpu != null) {
        cpu[count] = THREADS.getCurrentThreadCpuTime() - cpu0;
        allocated[count] = THREADS.getThreadAllocatedBytes(thread) - allocated0;
      }
      count++;
    }
    if (sink == null) {
      throw new IllegalStateException("a stage returned nothing");
    }
    return count;
  }
}
