package dev.floe.maintain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops the server processes tests start, with whatever they started in turn. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /** SIGTERM to the process and its descendants (a graceful stop), SIGKILL to any still alive after {@code grace}. */
  public static void stop(Process process, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        handle.destroyForcibly();
      }
    }
  }
}
