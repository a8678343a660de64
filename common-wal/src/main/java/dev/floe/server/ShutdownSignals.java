package dev.floe.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops a service on SIGTERM or SIGINT before the JVM's shutdown hooks run. Libraries register
 * hooks of their own that shut their thread pools down (Iceberg's worker pool, through Guava's
 * exiting executors); hooks run all at once, so a service stopped from a hook could find such a pool
 * gone in the middle of its last commit. Here the service stops first, then the JVM exits with the
 * status a signal gives (128 + its number) and the libraries' hooks find their pools idle.
 */
public final class ShutdownSignals {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  /**
   * Runs {@code stop} once on SIGTERM or SIGINT, then exits; also from a shutdown hook when the
   * JVM exits some other way ({@code stop} must be safe to call twice).
   */
  public static void onTermination(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (!stopping.compareAndSet(false, true)) {
              return;
            }
            // Signal handlers run on a daemon thread: once the stop ends the service's own threads,
            // the JVM would exit (with status 0) before it. A thread of our own keeps it alive.
            Thread stopper =
                new Thread(
                    () -> {
                      try {
                        stop.run();
                      } catch (RuntimeException | Error e) {
                        LOG.error("graceful stop failed", e);
                      } finally {
                        System.exit(128 + signal.getNumber());
                      }
                    },
                    "floe-stop");
            stopper.setDaemon(false);
            stopper.start();
          });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "floe-shutdown"));
  }
}
