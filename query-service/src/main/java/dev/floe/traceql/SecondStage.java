package dev.floe.traceql;

/** A stage after a metrics function: {@code topk(n)}, {@code bottomk(n)} or a value filter such as {@code > 10}. */
public interface SecondStage {
  /** {@code topk(k)} or, when {@code bottom}, {@code bottomk(k)}. */
  record TopK(boolean bottom, int k) implements SecondStage {}

  /** Keeps the samples for which {@code value op threshold} holds. */
  record Filter(Operator op, double threshold) implements SecondStage {}
}
