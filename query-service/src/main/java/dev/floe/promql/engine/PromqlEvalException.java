package dev.floe.promql.engine;

/** A query that cannot be evaluated; the message is Prometheus's where it has one. */
public class PromqlEvalException extends RuntimeException {

  public PromqlEvalException(String message) {
    super(message);
  }
}
