package dev.floe.promql;

import java.util.List;

/** Parses an aggregation, whose grouping clause may come before or after the arguments. */
final class AggregateParser {
  private final PromqlParser parser;

  AggregateParser(PromqlParser parser) {
    this.parser = parser;
  }

  AggregateExpr parse(AggregateOp op) {
    Token opToken = parser.next();
    if (op.isExperimental() && !parser.experimentalEnabled()) {
      throw parser.error(opToken, op.symbol() + "() is experimental and must be enabled with "
          + "--enable-feature=promql-experimental-functions");
    }
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (isGroupingKeyword(parser.peek())) {
      without = PromqlParser.isKeyword(parser.next(), "without");
      grouping = parser.parseLabelList("grouping opts");
      grouped = true;
    }
    if (parser.peek().type() != TokenType.LEFT_PAREN) {
      throw parser.unexpected(parser.peek(), "aggregation", "\"(\"");
    }
    int argsStart = parser.peek().pos();
    List<Expr> args = parser.parseArguments("aggregation");
    if (isGroupingKeyword(parser.peek())) {
      Token keyword = parser.next();
      if (grouped) {
        throw parser.error(keyword, "aggregation must only contain one grouping clause");
      }
      without = PromqlParser.isKeyword(keyword, "without");
      grouping = parser.parseLabelList("grouping opts");
    }
    return check(opToken, argsStart, op, args, grouping, without);
  }

  private AggregateExpr check(
      Token opToken, int argsStart, AggregateOp op, List<Expr> args, List<String> grouping, boolean without) {
    if (args.isEmpty()) {
      throw parser.error(argsStart, "no arguments for aggregate expression provided");
    }
    int expected = op.paramType() == null ? 1 : 2;
    if (args.size() != expected) {
      throw parser.error(opToken, "wrong number of arguments for aggregate expression provided, expected "
          + expected + ", got " + args.size());
    }
    Expr expr = args.get(expected - 1);
    if (expr.type() != ValueType.VECTOR) {
      throw parser.error(opToken, "expected type instant vector in aggregation expression, got "
          + expr.type().description());
    }
    Expr param = expected == 2 ? args.get(0) : null;
    if (param != null && param.type() != op.paramType()) {
      throw parser.error(opToken, "expected type " + op.paramType().description()
          + " in aggregation parameter, got " + param.type().description());
    }
    return new AggregateExpr(op, param, expr, grouping, without);
  }

  private static boolean isGroupingKeyword(Token token) {
    return PromqlParser.isKeyword(token, "by") || PromqlParser.isKeyword(token, "without");
  }
}
