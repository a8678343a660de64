package dev.floe.logql;

import dev.floe.lang.Durations;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import dev.floe.lang.ParseLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A hand-written recursive-descent parser for LogQL: log queries with their pipelines and metric queries with
 * PromQL's operator precedence, checked the way Loki checks them.
 */
public final class LogqlParser {
  private static final Set<TokenKind> LINE_FILTERS =
      EnumSet.of(
          TokenKind.PIPE_EXACT, TokenKind.NEQ, TokenKind.PIPE_MATCH, TokenKind.NRE, TokenKind.PIPE_PATTERN,
          TokenKind.NPA);
  private static final Set<TokenKind> FILTER_OPS =
      EnumSet.of(
          TokenKind.EQ, TokenKind.NEQ, TokenKind.RE, TokenKind.NRE, TokenKind.CMP_EQ, TokenKind.GT, TokenKind.GTE,
          TokenKind.LT, TokenKind.LTE);

  private final List<Token> tokens;
  private final ParseLimits limits;
  private int index;
  private int depth;

  private LogqlParser(List<Token> tokens, ParseLimits limits) {
    this.tokens = tokens;
    this.limits = limits;
  }

  /** Parses and validates {@code query}; throws {@link LogqlParseException} with Loki's message if it is not valid. */
  public static Expr parse(String query) {
    return parse(query, ParseLimits.DEFAULT);
  }

  /**
   * Parses and validates {@code query} within {@code limits}; throws {@link LogqlParseException} with Loki's
   * message if it is not valid, or naming the limit it exceeds.
   */
  public static Expr parse(String query, ParseLimits limits) {
    if (query.length() > limits.maxLength()) {
      throw new LogqlParseException(limits.tooLong(query.length()), 1, 1);
    }
    LogqlParser parser = new LogqlParser(Lexer.tokenize(query), limits);
    Expr expr = parser.expression(1);
    if (!parser.peek().is(TokenKind.EOF)) {
      throw parser.unexpected();
    }
    return expr;
  }

  // Precedence climbing: operators below minPrecedence belong to an enclosing call.
  private Expr expression(int minPrecedence) {
    enter();
    try {
      return operators(minPrecedence);
    } finally {
      depth--;
    }
  }

  private Expr operators(int minPrecedence) {
    Expr left = unary();
    for (int chained = 1; ; chained++) {
      Token opToken = peek();
      BinaryOp op = BinaryOp.of(opToken);
      if (op == null || op.precedence() < minPrecedence) {
        return left;
      }
      checkDepth(depth + chained);
      MetricExpr leftMetric = metric(left, opToken);
      next();
      boolean returnBool = false;
      if (peek().isWord("bool")) {
        next();
        returnBool = true;
      }
      VectorMatching matching = vectorMatching();
      Expr rightExpr = expression(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
      MetricExpr right = metric(rightExpr, opToken);
      Validation.binary(leftMetric, op, returnBool, matching, right, opToken);
      left = new MetricExpr.BinaryExpr(leftMetric, op, returnBool, matching, right);
    }
  }

  private Expr unary() {
    if ((peek().is(TokenKind.SUB) || peek().is(TokenKind.ADD)) && peek(1).is(TokenKind.NUMBER)) {
      return new MetricExpr.Literal(signedNumber());
    }
    return primary();
  }

  private Expr primary() {
    Token token = peek();
    switch (token.kind()) {
      case NUMBER:
        return new MetricExpr.Literal(signedNumber());
      case OPEN_BRACE:
        return logSelector(false);
      case OPEN_PARENTHESIS:
        next();
        Expr inner = expression(1);
        expect(TokenKind.CLOSE_PARENTHESIS);
        return inner;
      case IDENTIFIER:
        return function(token);
      default:
        throw unexpected();
    }
  }

  private Expr function(Token name) {
    RangeOp rangeOp = RangeOp.byName(name.text());
    if (rangeOp != null) {
      return rangeAggregation(rangeOp);
    }
    VectorOp vectorOp = VectorOp.byName(name.text());
    if (vectorOp != null) {
      return vectorAggregation(vectorOp);
    }
    if (name.isWord("vector")) {
      next();
      expect(TokenKind.OPEN_PARENTHESIS);
      double value = signedNumber();
      expect(TokenKind.CLOSE_PARENTHESIS);
      return new MetricExpr.VectorLiteral(value);
    }
    if (name.isWord("label_replace")) {
      return labelReplace();
    }
    throw unexpected();
  }

  private MetricExpr rangeAggregation(RangeOp op) {
    Token name = next();
    expect(TokenKind.OPEN_PARENTHESIS);
    Double parameter = null;
    if (startsNumber()) {
      parameter = signedNumber();
      expect(TokenKind.COMMA);
    }
    LogRange range = logRange();
    expect(TokenKind.CLOSE_PARENTHESIS);
    Grouping grouping = grouping();
    Validation.rangeAggregation(op, parameter, range, grouping, name);
    return new MetricExpr.RangeAggregation(op, parameter, range, grouping);
  }

  private MetricExpr vectorAggregation(VectorOp op) {
    Token name = next();
    Grouping grouping = grouping();
    expect(TokenKind.OPEN_PARENTHESIS);
    Double parameter = null;
    if (startsNumber() && peek(startsWithSign() ? 2 : 1).is(TokenKind.COMMA)) {
      parameter = signedNumber();
      expect(TokenKind.COMMA);
    }
    Token innerStart = peek();
    MetricExpr inner = metric(expression(1), innerStart);
    expect(TokenKind.CLOSE_PARENTHESIS);
    if (grouping == null) {
      grouping = grouping();
    }
    Validation.vectorAggregation(op, parameter, name);
    return new MetricExpr.VectorAggregation(op, parameter, inner, grouping);
  }

  private MetricExpr labelReplace() {
    next();
    expect(TokenKind.OPEN_PARENTHESIS);
    Token innerStart = peek();
    MetricExpr inner = metric(expression(1), innerStart);
    String[] args = new String[4];
    for (int i = 0; i < args.length; i++) {
      expect(TokenKind.COMMA);
      Token arg = expect(TokenKind.STRING);
      args[i] = arg.text();
      if (i == 3) {
        Validation.regex(args[i], arg);
      }
    }
    expect(TokenKind.CLOSE_PARENTHESIS);
    return new MetricExpr.LabelReplace(inner, args[0], args[1], args[2], args[3]);
  }

  // Loki accepts the range after the pipeline, right after the selector, or after a parenthesised log query.
  private LogRange logRange() {
    if (peek().is(TokenKind.OPEN_PARENTHESIS)) {
      LogSelector log = parenthesisedLog();
      Duration range = range();
      return new LogRange(log, range, offset());
    }
    StreamSelector selector = streamSelector();
    if (peek().is(TokenKind.RANGE)) {
      Duration range = range();
      Duration offset = offset();
      List<Stage> stages = pipeline(true);
      return new LogRange(new LogSelector(selector, stages), range, offset);
    }
    List<Stage> stages = pipeline(true);
    if (!peek().is(TokenKind.RANGE)) {
      throw new LogqlParseException(
          "syntax error: unexpected " + peek().describe() + ", expecting RANGE", peek().line(), peek().column());
    }
    Duration range = range();
    return new LogRange(new LogSelector(selector, stages), range, offset());
  }

  private LogSelector parenthesisedLog() {
    expect(TokenKind.OPEN_PARENTHESIS);
    enter();
    LogSelector log = peek().is(TokenKind.OPEN_PARENTHESIS) ? parenthesisedLog() : logSelector(true);
    depth--;
    expect(TokenKind.CLOSE_PARENTHESIS);
    return log;
  }

  private Duration range() {
    return Durations.parse(expect(TokenKind.RANGE).text());
  }

  private Duration offset() {
    if (!peek().isWord("offset")) {
      return Duration.ZERO;
    }
    next();
    return Durations.parse(expect(TokenKind.DURATION).text());
  }

  private LogSelector logSelector(boolean allowUnwrap) {
    StreamSelector selector = streamSelector();
    return new LogSelector(selector, pipeline(allowUnwrap));
  }

  private StreamSelector streamSelector() {
    Token open = expect(TokenKind.OPEN_BRACE);
    List<LabelMatcher> matchers = new ArrayList<>();
    while (!peek().is(TokenKind.CLOSE_BRACE)) {
      matchers.add(matcher());
      if (!peek().is(TokenKind.CLOSE_BRACE)) {
        expect(TokenKind.COMMA);
      }
    }
    next();
    StreamSelector selector = new StreamSelector(matchers);
    Validation.selector(selector, open);
    return selector;
  }

  private LabelMatcher matcher() {
    String name = expect(TokenKind.IDENTIFIER).text();
    MatchType op = matchOp(next());
    Token value = expect(TokenKind.STRING);
    return Validation.matcher(name, op, value);
  }

  private MatchType matchOp(Token token) {
    switch (token.kind()) {
      case EQ:
        return MatchType.EQUAL;
      case NEQ:
        return MatchType.NOT_EQUAL;
      case RE:
        return MatchType.REGEX;
      case NRE:
        return MatchType.NOT_REGEX;
      default:
        throw unexpected(token);
    }
  }

  private List<Stage> pipeline(boolean allowUnwrap) {
    List<Stage> stages = new ArrayList<>();
    boolean unwrapped = false;
    while (true) {
      Token token = peek();
      if (LINE_FILTERS.contains(token.kind()) && !unwrapped) {
        stages.add(lineFilter());
      } else if (token.is(TokenKind.PIPE)) {
        Token keyword = peek(1);
        boolean labelFilter =
            keyword.is(TokenKind.OPEN_PARENTHESIS)
                || (keyword.is(TokenKind.IDENTIFIER) && FILTER_OPS.contains(peek(2).kind()));
        if (unwrapped && !labelFilter) {
          throw unexpected(keyword);
        }
        next();
        if (labelFilter) {
          stages.add(new Stage.LabelFilterStage(labelFilterOr()));
        } else if (keyword.isWord("unwrap") && allowUnwrap) {
          stages.add(unwrap());
          unwrapped = true;
        } else {
          stages.add(StageParser.parse(this, keyword));
        }
      } else {
        return stages;
      }
    }
  }

  private Stage lineFilter() {
    Stage.LineFilterOp op = lineFilterOp(next());
    List<Stage.LineMatch> matches = new ArrayList<>();
    matches.add(lineMatch(op));
    while (peek().isWord("or") && (peek(1).is(TokenKind.STRING) || peek(1).isWord("ip"))) {
      next();
      matches.add(lineMatch(op));
    }
    return new Stage.LineFilter(op, matches);
  }

  private Stage.LineMatch lineMatch(Stage.LineFilterOp op) {
    if (peek().isWord("ip")) {
      Token ip = peek();
      if (op != Stage.LineFilterOp.CONTAINS && op != Stage.LineFilterOp.NOT_CONTAINS) {
        throw Validation.error("syntax error: unexpected IP, ip() only works with |= and !=", ip);
      }
      return new Stage.LineMatch(ipArgument(), true);
    }
    Token value = expect(TokenKind.STRING);
    if (op == Stage.LineFilterOp.REGEX || op == Stage.LineFilterOp.NOT_REGEX) {
      Validation.regex(value.text(), value);
    }
    return new Stage.LineMatch(value.text(), false);
  }

  private static Stage.LineFilterOp lineFilterOp(Token token) {
    switch (token.kind()) {
      case PIPE_EXACT:
        return Stage.LineFilterOp.CONTAINS;
      case NEQ:
        return Stage.LineFilterOp.NOT_CONTAINS;
      case PIPE_MATCH:
        return Stage.LineFilterOp.REGEX;
      case NRE:
        return Stage.LineFilterOp.NOT_REGEX;
      case PIPE_PATTERN:
        return Stage.LineFilterOp.PATTERN;
      default:
        return Stage.LineFilterOp.NOT_PATTERN;
    }
  }

  /** {@code ip("...")} with the {@code ip} word still unread. */
  String ipArgument() {
    next();
    expect(TokenKind.OPEN_PARENTHESIS);
    String value = expect(TokenKind.STRING).text();
    expect(TokenKind.CLOSE_PARENTHESIS);
    return value;
  }

  private LabelFilter labelFilterOr() {
    LabelFilter left = labelFilterAnd();
    for (int chained = 1; peek().isWord("or"); chained++) {
      checkDepth(depth + chained);
      next();
      left = new LabelFilter.Or(left, labelFilterAnd());
    }
    return left;
  }

  // Loki reads "a=1, b=2" and "a=1 b=2" as "a=1 and b=2".
  private LabelFilter labelFilterAnd() {
    LabelFilter left = labelFilterPrimary();
    for (int chained = 1; ; chained++) {
      if (peek().isWord("and") || (peek().is(TokenKind.COMMA) && startsLabelFilter(1))) {
        next();
      } else if (!startsLabelFilter(0)) {
        return left;
      }
      checkDepth(depth + chained);
      left = new LabelFilter.And(left, labelFilterPrimary());
    }
  }

  private boolean startsLabelFilter(int ahead) {
    Token token = peek(ahead);
    return token.is(TokenKind.OPEN_PARENTHESIS)
        || (token.is(TokenKind.IDENTIFIER) && FILTER_OPS.contains(peek(ahead + 1).kind()));
  }

  private LabelFilter labelFilterPrimary() {
    if (peek().is(TokenKind.OPEN_PARENTHESIS)) {
      next();
      enter();
      LabelFilter inner = labelFilterOr();
      depth--;
      expect(TokenKind.CLOSE_PARENTHESIS);
      return inner;
    }
    return LabelFilterParser.parse(this, expect(TokenKind.IDENTIFIER).text());
  }

  private Stage unwrap() {
    next();
    Token label = expect(TokenKind.IDENTIFIER);
    Stage.Conversion conversion = Stage.Conversion.NONE;
    if (peek().is(TokenKind.OPEN_PARENTHESIS)) {
      for (Stage.Conversion candidate : Stage.Conversion.values()) {
        if (candidate != Stage.Conversion.NONE && label.isWord(candidate.function())) {
          conversion = candidate;
        }
      }
      if (conversion == Stage.Conversion.NONE) {
        throw unexpected();
      }
      next();
      label = expect(TokenKind.IDENTIFIER);
      expect(TokenKind.CLOSE_PARENTHESIS);
    }
    return new Stage.Unwrap(label.text(), conversion);
  }

  private Grouping grouping() {
    boolean without = peek().isWord("without");
    if (!without && !peek().isWord("by")) {
      return null;
    }
    next();
    return new Grouping(without, labelList());
  }

  private VectorMatching vectorMatching() {
    boolean on = peek().isWord("on");
    if (!on && !peek().isWord("ignoring")) {
      return null;
    }
    next();
    List<String> labels = labelList();
    VectorMatching.Cardinality cardinality = VectorMatching.Cardinality.ONE_TO_ONE;
    List<String> include = List.of();
    if (peek().isWord("group_left") || peek().isWord("group_right")) {
      cardinality =
          next().isWord("group_left")
              ? VectorMatching.Cardinality.GROUP_LEFT
              : VectorMatching.Cardinality.GROUP_RIGHT;
      if (peek().is(TokenKind.OPEN_PARENTHESIS)
          && (peek(1).is(TokenKind.CLOSE_PARENTHESIS)
              || (peek(1).is(TokenKind.IDENTIFIER)
                  && (peek(2).is(TokenKind.COMMA) || peek(2).is(TokenKind.CLOSE_PARENTHESIS))))) {
        include = labelList();
      }
    }
    return new VectorMatching(on, labels, cardinality, include);
  }

  private List<String> labelList() {
    expect(TokenKind.OPEN_PARENTHESIS);
    List<String> labels = new ArrayList<>();
    while (!peek().is(TokenKind.CLOSE_PARENTHESIS)) {
      labels.add(expect(TokenKind.IDENTIFIER).text());
      if (!peek().is(TokenKind.CLOSE_PARENTHESIS)) {
        expect(TokenKind.COMMA);
      }
    }
    next();
    return labels;
  }

  private boolean startsNumber() {
    return peek().is(TokenKind.NUMBER) || (startsWithSign() && peek(1).is(TokenKind.NUMBER));
  }

  private boolean startsWithSign() {
    return peek().is(TokenKind.SUB) || peek().is(TokenKind.ADD);
  }

  double signedNumber() {
    boolean negative = false;
    if (startsWithSign()) {
      negative = next().is(TokenKind.SUB);
    }
    double value = number(expect(TokenKind.NUMBER).text());
    return negative ? -value : value;
  }

  private static double number(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "Inf":
        return Double.POSITIVE_INFINITY;
      default:
        return Double.parseDouble(text);
    }
  }

  /** One level deeper into the expression tree. */
  private void enter() {
    checkDepth(++depth);
  }

  private void checkDepth(int levels) {
    if (levels > limits.maxDepth()) {
      throw new LogqlParseException(limits.tooDeep(), peek().line(), peek().column());
    }
  }

  private MetricExpr metric(Expr expr, Token at) {
    if (expr instanceof MetricExpr) {
      return (MetricExpr) expr;
    }
    throw Validation.error(
        "syntax error: unexpected log query, a metric query needs a range aggregation such as count_over_time", at);
  }

  Token peek() {
    return peek(0);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = peek();
    if (index < tokens.size() - 1) {
      index++;
    }
    return token;
  }

  Token expect(TokenKind kind) {
    if (!peek().is(kind)) {
      throw new LogqlParseException(
          "syntax error: unexpected " + peek().describe() + ", expecting " + kind.name(),
          peek().line(),
          peek().column());
    }
    return next();
  }

  LogqlParseException unexpected() {
    return unexpected(peek());
  }

  LogqlParseException unexpected(Token token) {
    return Validation.error("syntax error: unexpected " + token.describe(), token);
  }
}
