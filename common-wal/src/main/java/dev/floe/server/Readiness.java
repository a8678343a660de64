package dev.floe.server;

import com.linecorp.armeria.server.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * What {@code /ready} reports: ready once the process has started every part, while every gate
 * holds (each listener is bound, storage is writable, ...) and until it begins to drain. Each part
 * of a service adds its own gate, so a listener added later (in one JVM or another) is covered by
 * registering it here. Thread-safe.
 */
public final class Readiness {
  private final List<Gate> gates = new CopyOnWriteArrayList<>();
  private volatile boolean started;
  private volatile boolean draining;

  private record Gate(String name, BooleanSupplier open) {}

  /** Adds a condition that must hold for the process to be ready. */
  public void require(String name, BooleanSupplier open) {
    gates.add(new Gate(name, open));
  }

  /** Adds a listener: ready while it is bound to its port (after start, before stop). */
  public void requireListening(String name, Server server) {
    require(name + " listener", () -> !server.activePorts().isEmpty());
  }

  /** Every part has started and added its gates; until now the process is not ready. */
  public void markStarted() {
    started = true;
  }

  /**
   * The process is going away: not ready from now on, so that load balancers stop sending before
   * the listeners close.
   */
  public void drain() {
    draining = true;
  }

  /** Why the process is not ready, or empty when it is. */
  public Optional<String> notReadyReason() {
    if (draining) {
      return Optional.of("shutting down");
    }
    if (!started) {
      return Optional.of("starting");
    }
    List<String> closed = new ArrayList<>();
    for (Gate gate : gates) {
      if (!gate.open().getAsBoolean()) {
        closed.add(gate.name());
      }
    }
    return closed.isEmpty() ? Optional.empty() : Optional.of("waiting for " + String.join(", ", closed));
  }
}
