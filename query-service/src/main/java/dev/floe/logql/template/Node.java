package dev.floe.logql.template;

import java.util.List;

/** The parsed template: Go's parse tree, reduced to what executes. */
sealed interface Node {
  /** Text outside actions, printed as is. */
  record Text(String text) implements Node {}

  /** {@code {{pipeline}}}: prints the pipeline's value unless it declares variables. */
  record Action(Pipe pipe) implements Node {}

  /** {@code if}, {@code with} ({@code dot} set) and {@code range}, each with an optional else branch. */
  record Branch(Control control, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

  /** {@code {{break}}} and {@code {{continue}}} inside a range. */
  record Jump(boolean isBreak) implements Node {}

  enum Control {
    IF, WITH, RANGE
  }

  /** A pipeline: commands joined by {@code |}, optionally declaring or assigning variables. */
  record Pipe(List<String> declared, boolean assign, List<Command> commands) {}

  /**
   * A command: a function or operand with its arguments; each argument's offset in the template and source
   * text locate errors as Go reports them.
   */
  record Command(List<Arg> args, List<Integer> positions, List<String> sources) {
    /** Argument {@code i} alone, as the command errors evaluating it should point at. */
    Command at(int i) {
      return new Command(List.of(args.get(i)), positions.subList(i, i + 1), sources.subList(i, i + 1));
    }
  }

  /** An operand. */
  sealed interface Arg {}

  /** {@code .} */
  record Dot() implements Arg {}

  /** {@code nil} */
  record Nil() implements Arg {}

  /** A string, number, character or boolean constant, typed when a function's parameter asks for it. */
  record Constant(Object value, String source, boolean isInt, boolean isFloat) implements Arg {}

  /** {@code .a.b}: fields of dot. */
  record Field(List<String> names) implements Arg {}

  /** {@code $x.a}: a variable and then fields of its value. */
  record Variable(String name, List<String> fields) implements Arg {}

  /** A function, resolved when parsing. */
  record Function(Func func) implements Arg {}

  /** {@code (pipeline).a} or {@code fn.a}: fields of another operand's value. */
  record Chain(Arg operand, List<String> fields) implements Arg {}

  /** {@code (pipeline)} */
  record Nested(Pipe pipe) implements Arg {}
}
