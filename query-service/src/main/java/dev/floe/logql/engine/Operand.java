package dev.floe.logql.engine;

import dev.floe.logql.engine.QueryValue.Sample;
import java.util.List;

/** An evaluated metric sub-expression: a number, or one vector per step. */
sealed interface Operand {

  /** A literal, the same at every step. */
  record Constant(double value) implements Operand {}

  /** The vector at each step, in step order; samples carry their step's time. */
  record Vectors(List<List<Sample>> steps) implements Operand {}
}
