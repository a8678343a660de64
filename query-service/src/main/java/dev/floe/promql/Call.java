package dev.floe.promql;

import java.util.List;
import java.util.stream.Collectors;

/** A function call; {@code function} carries the signature the arguments were checked against. */
public record Call(Function function, List<Expr> args) implements Expr {

  public Call {
    args = List.copyOf(args);
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }

  @Override
  public String toString() {
    return function.name() + "(" + args.stream().map(Expr::toString).collect(Collectors.joining(", ")) + ")";
  }
}
