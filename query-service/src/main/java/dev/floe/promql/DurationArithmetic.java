package dev.floe.promql;

/**
 * Folds the experimental duration expressions of ranges, steps and offsets, such as
 * {@code [1h30m % 1h]} or {@code offset (2 * 2)}, into seconds at parse time.
 *
 * <p>Operands are numbers (seconds) and durations, combined with {@code + - * / % ^}, parentheses,
 * unary signs, {@code min_of} and {@code max_of}. Precedence follows the PromQL operators.
 */
final class DurationArithmetic {
  private final PromqlParser parser;

  DurationArithmetic(PromqlParser parser) {
    this.parser = parser;
  }

  /** Parses and evaluates one duration expression, returning seconds. */
  double parse() {
    return parse(0);
  }

  private double parse(int minPrecedence) {
    double lhs = parseUnary();
    while (true) {
      BinaryOp op = BinaryOp.of(parser.peek());
      if (op == null || op.precedence() < 4 || op.precedence() > 6 || op == BinaryOp.ATAN2
          || op.isExperimental() || op.precedence() < minPrecedence) {
        return lhs;
      }
      parser.next();
      double rhs = parse(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = apply(op, lhs, rhs);
    }
  }

  private double parseUnary() {
    Token token = parser.peek();
    if (token.type() == TokenType.ADD || token.type() == TokenType.SUB) {
      parser.next();
      double operand = parse(BinaryOp.POW.precedence());
      return token.type() == TokenType.SUB ? -operand : operand;
    }
    return parsePrimary();
  }

  private double parsePrimary() {
    Token token = parser.next();
    switch (token.type()) {
      case NUMBER -> {
        return PromqlParser.parseNumber(token.text());
      }
      case DURATION -> {
        return parser.durationMillis(token) / 1000.0;
      }
      case LEFT_PAREN -> {
        double value = parse(0);
        parser.expect(TokenType.RIGHT_PAREN, "duration expression", "\")\"");
        return value;
      }
      case IDENTIFIER -> {
        boolean min = PromqlParser.isKeyword(token, "min_of");
        if (!min && !PromqlParser.isKeyword(token, "max_of")) {
          throw parser.unexpected(token, "duration expression", "number or duration");
        }
        parser.expect(TokenType.LEFT_PAREN, "duration expression", "\"(\"");
        double first = parse(0);
        parser.expect(TokenType.COMMA, "duration expression", "\",\"");
        double second = parse(0);
        parser.expect(TokenType.RIGHT_PAREN, "duration expression", "\")\"");
        return min ? Math.min(first, second) : Math.max(first, second);
      }
      default -> throw parser.unexpected(token, "duration expression", "number or duration");
    }
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
