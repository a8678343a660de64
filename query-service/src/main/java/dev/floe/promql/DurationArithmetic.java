package dev.floe.promql;

import dev.floe.lang.GoStrings;
import java.util.List;
import java.util.Locale;

/**
 * Parses the experimental duration expressions of ranges, steps and offsets, such as
 * {@code [1h30m % 1h]}, {@code offset (2 * 2)} or {@code [step() * 2]}.
 *
 * <p>Operands are numbers (seconds), durations, parentheses, unary signs, {@code min_of},
 * {@code max_of}, {@code step()} and {@code range()}, combined with {@code + - * / % ^} at PromQL's
 * precedence. Expressions without {@code step()} or {@code range()} are folded to milliseconds at
 * parse time; the others are kept as scalar expressions in seconds for evaluation.
 */
final class DurationArithmetic {
  private final PromqlParser parser;

  DurationArithmetic(PromqlParser parser) {
    this.parser = parser;
  }

  /** Parses one duration expression; {@code signed} allows a negative result (offsets). */
  DurationArg parse(boolean signed) {
    Token start = parser.peek();
    Expr expr = parse(0);
    while (expr instanceof ParenExpr paren) {
      expr = paren.expr();
    }
    Double seconds = fold(expr);
    if (seconds == null) {
      return new DurationArg(0, expr);
    }
    if (seconds.isNaN() || seconds.isInfinite() || (!signed && seconds < 0)
        || Math.abs(seconds) > Long.MAX_VALUE / 1000.0) {
      throw parser.error(start, "invalid duration expression: " + GoStrings.formatFloat(seconds) + "s");
    }
    return DurationArg.fixed(Math.round(seconds * 1000));
  }

  private Expr parse(int minPrecedence) {
    Expr lhs = parseUnary();
    while (true) {
      BinaryOp op = BinaryOp.of(parser.peek());
      if (op == null || !isDurationOperator(op) || op.precedence() < minPrecedence) {
        return lhs;
      }
      parser.next();
      Expr rhs = parse(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = new BinaryExpr(op, lhs, rhs, false, null);
    }
  }

  private Expr parseUnary() {
    Token token = parser.peek();
    if (token.type() == TokenType.ADD || token.type() == TokenType.SUB) {
      parser.next();
      Expr operand = parse(BinaryOp.POW.precedence());
      if (token.type() == TokenType.ADD) {
        return operand;
      }
      return operand instanceof NumberLiteral literal ? new NumberLiteral(-literal.value()) : new UnaryExpr(operand);
    }
    return parsePrimary();
  }

  private Expr parsePrimary() {
    Token token = parser.next();
    switch (token.type()) {
      case NUMBER -> {
        return new NumberLiteral(PromqlParser.parseNumber(token.text()));
      }
      case DURATION -> {
        return new NumberLiteral(parser.durationMillis(token) / 1000.0);
      }
      case LEFT_PAREN -> {
        Expr inner = parse(0);
        parser.expect(TokenType.RIGHT_PAREN, "duration expression", "\")\"");
        return new ParenExpr(inner);
      }
      case IDENTIFIER -> {
        return parseFunction(token);
      }
      default -> throw parser.unexpected(token, "duration expression", "number or duration");
    }
  }

  private Expr parseFunction(Token token) {
    String name = token.text().toLowerCase(Locale.ROOT);
    parser.expect(TokenType.LEFT_PAREN, "duration expression", "\"(\"");
    switch (name) {
      case "step", "range" -> {
        parser.expect(TokenType.RIGHT_PAREN, "duration expression", "\")\"");
        return new Call(Functions.get(name), List.of());
      }
      case "min_of", "max_of" -> {
        Expr first = parse(0);
        parser.expect(TokenType.COMMA, "duration expression", "\",\"");
        Expr second = parse(0);
        parser.expect(TokenType.RIGHT_PAREN, "duration expression", "\")\"");
        return new Call(Functions.get(name), List.of(first, second));
      }
      default -> throw parser.unexpected(token, "duration expression", "number or duration");
    }
  }

  /** The constant value in seconds, or {@code null} when it depends on step() or range(). */
  private static Double fold(Expr expr) {
    if (expr instanceof NumberLiteral literal) {
      return literal.value();
    }
    if (expr instanceof ParenExpr paren) {
      return fold(paren.expr());
    }
    if (expr instanceof UnaryExpr unary) {
      Double value = fold(unary.expr());
      return value == null ? null : -value;
    }
    if (expr instanceof BinaryExpr binary) {
      Double lhs = fold(binary.lhs());
      Double rhs = fold(binary.rhs());
      return lhs == null || rhs == null ? null : apply(binary.op(), lhs, rhs);
    }
    if (expr instanceof Call call && call.args().size() == 2) {
      Double first = fold(call.args().get(0));
      Double second = fold(call.args().get(1));
      if (first == null || second == null) {
        return null;
      }
      return call.function().name().equals("min_of") ? Math.min(first, second) : Math.max(first, second);
    }
    return null;
  }

  private static boolean isDurationOperator(BinaryOp op) {
    return switch (op) {
      case ADD, SUB, MUL, DIV, MOD, POW -> true;
      default -> false;
    };
  }

  private static double apply(BinaryOp op, double lhs, double rhs) {
    return switch (op) {
      case ADD -> lhs + rhs;
      case SUB -> lhs - rhs;
      case MUL -> lhs * rhs;
      case DIV -> lhs / rhs;
      case MOD -> lhs % rhs;
      case POW -> Math.pow(lhs, rhs);
      default -> throw new IllegalArgumentException("not a duration operator: " + op);
    };
  }
}
