package dev.floe.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own threads, which Java's thread beans do not show, read from Linux's
 * {@code /proc/self/task}: garbage collection (G1's and the parallel GC threads) and the JIT
 * compilers. Zero elsewhere.
 */
final class VmThreads {
  private static final long TICKS_PER_SECOND = 100;

  /** GC and JIT CPU nanoseconds at one instant. */
  record Times(long gcNanos, long jitNanos) {}

  private VmThreads() {}

  static Times now() {
    long gc = 0;
    long jit = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat = read(task.resolve("stat"));
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          continue;
        }
        String name = stat.substring(open + 1, close);
        String[] fields = stat.substring(close + 2).split(" ");
        // After the name: state is field 3 of stat(5), utime 14 and stime 15.
        long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * (1_000_000_000L / TICKS_PER_SECOND);
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
          gc += nanos;
        } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += nanos;
        }
      }
    } catch (IOException | RuntimeException e) {
      return new Times(0, 0);
    }
    return new Times(gc, jit);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
