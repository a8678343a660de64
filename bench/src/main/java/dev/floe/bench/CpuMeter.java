package dev.floe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the whole process and of its threads grouped by role (load clients, HTTP event
 * loops, WAL flush threads), and of the JVM's garbage collector and JIT compiler threads; the rest
 * (other JVM threads, threads that exited) is "other JVM threads".
 */
final class CpuMeter {
  static final String CLIENT = "client";
  static final String EVENT_LOOPS = "server event loops";
  static final String FLUSH = "flush (encode + write)";
  static final String OTHER_THREADS = "other threads";
  static final String GC = "garbage collector";
  static final String JIT = "JIT compiler";
  static final String VM = "other JVM threads";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Process CPU and per-thread CPU at one instant. */
  record Snapshot(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> groups, VmThreads.Times vm) {}

  /** CPU seconds spent between two snapshots, in all and per group. */
  record Usage(double processSeconds, Map<String, Double> groupSeconds) {}

  private CpuMeter() {}

  static Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> groups = new HashMap<>();
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        groups.put(info.getThreadId(), groupOf(info.getThreadName()));
      }
    }
    return new Snapshot(process, cpu, groups, VmThreads.now());
  }

  static Usage between(Snapshot start, Snapshot end) {
    Map<String, Double> groups = new LinkedHashMap<>();
    for (String group : new String[] {CLIENT, EVENT_LOOPS, FLUSH, OTHER_THREADS}) {
      groups.put(group, 0.0);
    }
    double threads = 0;
    for (Map.Entry<Long, Long> thread : end.threadNanos().entrySet()) {
      double seconds = (thread.getValue() - start.threadNanos().getOrDefault(thread.getKey(), 0L)) / 1e9;
      groups.merge(end.groups().get(thread.getKey()), seconds, Double::sum);
      threads += seconds;
    }
    double process = (end.processNanos() - start.processNanos()) / 1e9;
    double gc = (end.vm().gcNanos() - start.vm().gcNanos()) / 1e9;
    double jit = (end.vm().jitNanos() - start.vm().jitNanos()) / 1e9;
    groups.put(GC, gc);
    groups.put(JIT, jit);
    groups.put(VM, Math.max(0, process - threads - gc - jit));
    return new Usage(process, groups);
  }

  private static String groupOf(String name) {
    if (name.startsWith("bench-client") || name.startsWith("HttpClient")) {
      return CLIENT;
    }
    if (name.startsWith("armeria")) {
      return EVENT_LOOPS;
    }
    if (name.startsWith("floe-flush")) {
      return FLUSH;
    }
    return OTHER_THREADS;
  }
}
