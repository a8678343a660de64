package dev.floe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-paragraph description of the machine (Linux), for benchmark reports. */
public final class Machine {
  private Machine() {}

  /** Cores, CPU model, RAM, Java, and the load averages the run script saved before and after. */
  static String describe(Path results) {
    return String.format(
        Locale.ROOT,
        "Machine: %s. Load average before / after the run: %s / %s.",
        hardware(),
        firstWords(results.resolve("loadavg-before")),
        firstWords(results.resolve("loadavg-after")));
  }

  /** Cores, CPU model, RAM and Java. */
  public static String hardware() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %s RAM, %s %s",
        Runtime.getRuntime().availableProcessors(),
        procField("/proc/cpuinfo", "model name"),
        memory(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
  }

  private static String memory() {
    String kib = procField("/proc/meminfo", "MemTotal").replace("kB", "").trim();
    try {
      return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / 1048576.0);
    } catch (NumberFormatException e) {
      return "unknown";
    }
  }

  private static String procField(String file, String name) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(name)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown";
  }

  private static String firstWords(Path file) {
    try {
      String[] words = Files.readString(file).trim().split("\\s+");
      return words.length >= 3 ? words[0] + " " + words[1] + " " + words[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
