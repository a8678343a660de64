package dev.floe.promql;

import dev.floe.lang.Durations;
import dev.floe.lang.GoStrings;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import dev.floe.lang.Regex;
import dev.floe.lang.GoStrings;
import dev.floe.lang.ParseLimits;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses and type-checks PromQL into an {@link Expr} tree, by recursive descent with precedence
 * climbing for the binary operators.
 */
public final class PromqlParser {
  /** Words that are operators or modifiers where an expression would start, so never metric names. */
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "atan2", "bool", "by", "without", "on", "ignoring", "group_left", "group_right",
          "offset");

  private final String input;
  private final List<Token> tokens;
  private final boolean experimental;
  /**
   * Selectors without a non-empty matcher, by identity, with their offsets. They are rejected only
   * once the whole query is parsed, because the second argument of {@code info} may be one.
   */
  private final Map<Expr, Integer> emptySelectors = new IdentityHashMap<>();
  /** Where each node starts, by identity, for the positions Prometheus appends to annotations. */
  private final Map<Expr, Integer> positions = new IdentityHashMap<>();
  private final ParseLimits limits;
  private int index;
  private int depth;

  private PromqlParser(String input, boolean experimental, ParseLimits limits) {
    if (input.length() > limits.maxLength()) {
      throw new PromqlParseException(input, 0, limits.tooLong(input.length()));
    }
    this.input = input;
    this.tokens = Lexer.lex(input);
    this.experimental = experimental;
    this.limits = limits;
  }

  /** Parses a query with Prometheus' default feature set (no experimental functions). */
  public static Expr parse(String query) {
    return parse(query, false);
  }

  /**
   * Parses a query.
   *
   * @param query the PromQL text
   * @param experimentalFunctions whether to accept experimental functions and aggregations
   * @throws PromqlParseException when the query does not parse or type-check
   */
  public static Expr parse(String query, boolean experimentalFunctions) {
    return parse(query, experimentalFunctions, ParseLimits.DEFAULT);
  }

  /**
   * Parses a query within {@code limits}.
   *
   * @throws PromqlParseException when the query does not parse or type-check, or exceeds a limit
   */
  public static Expr parse(String query, boolean experimentalFunctions, ParseLimits limits) {
    return new PromqlParser(query, experimentalFunctions, limits).parseQuery();
  }

  /** Parses a query, keeping where each node starts in the text. */
  public static ParsedQuery parseWithPositions(String query, boolean experimentalFunctions) {
    PromqlParser parser = new PromqlParser(query, experimentalFunctions, ParseLimits.DEFAULT);
    Expr expr = parser.parseQuery();
    return new ParsedQuery(query, expr, parser.positions);
  }

  private <T extends Expr> T at(int start, T expr) {
    positions.putIfAbsent(expr, start);
    return expr;
  }

  private Expr parseQuery() {
    if (peek().type() == TokenType.EOF) {
      throw error(peek(), "no expression found in input");
    }
    Expr expr = parseExpr(0);
    Token rest = peek();
    if (rest.type() != TokenType.EOF) {
      throw unexpected(rest, null);
    }
    emptySelectors.values().stream().min(Integer::compare).ifPresent(offset -> {
      throw error(offset, "vector selector must contain at least one non-empty matcher");
    });
    return expr;
  }

  private Expr parseExpr(int minPrecedence) {
    checkDepth(++depth);
    try {
      return parseOperators(minPrecedence);
    } finally {
      depth--;
    }
  }

  private Expr parseOperators(int minPrecedence) {
    int start = peek().pos();
    Expr lhs = parseUnary();
    for (int chained = 1; ; chained++) {
      BinaryOp op = BinaryOp.of(peek());
      if (op == null || op.precedence() < minPrecedence) {
        return lhs;
      }
      checkDepth(depth + chained);
      Token opToken = next();
      if (op.isExperimental() && !experimental) {
        throw error(opToken, "operator \"" + op.symbol() + "\" is experimental and must be enabled with "
            + "--enable-feature=promql-experimental-functions");
      }
      lhs = at(start, parseBinaryRest(start, op, lhs));
    }
  }

  private Expr parseBinaryRest(int start, BinaryOp op, Expr lhs) {
    boolean returnBool = false;
    if (isKeyword(peek(), "bool")) {
      next();
      returnBool = true;
    }
    boolean matchingGiven = false;
    boolean on = false;
    List<String> labels = List.of();
    VectorMatching.Cardinality grouping = null;
    List<String> include = List.of();
    if (isKeyword(peek(), "on") || isKeyword(peek(), "ignoring")) {
      matchingGiven = true;
      on = isKeyword(next(), "on");
      labels = parseLabelList("grouping opts");
      if (isKeyword(peek(), "group_left") || isKeyword(peek(), "group_right")) {
        grouping = isKeyword(next(), "group_left")
            ? VectorMatching.Cardinality.MANY_TO_ONE
            : VectorMatching.Cardinality.ONE_TO_MANY;
        if (peek().type() == TokenType.LEFT_PAREN) {
          include = parseLabelList("grouping opts");
        }
      }
    }
    FillValues fill = parseFill();
    Expr rhs = parseExpr(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
    BinaryExpr binary =
        BinaryChecks.build(this, start, op, lhs, rhs, returnBool, matchingGiven, on, labels, grouping, include);
    return fill == null ? binary : new BinaryExpr(op, binary.lhs(), binary.rhs(), returnBool, binary.matching(), fill);
  }

  /** Parses the experimental {@code fill(v)}, {@code fill_left(v)}, {@code fill_right(v)} modifiers. */
  private FillValues parseFill() {
    Double left = null;
    Double right = null;
    while (experimental && peekAt(1).type() == TokenType.LEFT_PAREN
        && (isKeyword(peek(), "fill") || isKeyword(peek(), "fill_left") || isKeyword(peek(), "fill_right"))) {
      String keyword = next().text().toLowerCase(Locale.ROOT);
      next();
      double value = parseSignedNumber();
      expect(TokenType.RIGHT_PAREN, "fill modifier", "\")\"");
      if (!keyword.equals("fill_right")) {
        left = value;
      }
      if (!keyword.equals("fill_left")) {
        right = value;
      }
    }
    return left == null && right == null ? null : new FillValues(left, right);
  }

  /** Parsing and evaluation recurse once per level of the expression tree: bound it. */
  private void checkDepth(int levels) {
    if (levels > limits.maxDepth()) {
      throw error(peek(), limits.tooDeep());
    }
  }

  private double parseSignedNumber() {
    double sign = 1;
    if (peek().type() == TokenType.SUB || peek().type() == TokenType.ADD) {
      sign = next().type() == TokenType.SUB ? -1 : 1;
    }
    Token number = next();
    if (number.type() != TokenType.NUMBER) {
      throw unexpected(number, "fill modifier", "number");
    }
    return sign * parseNumber(number.text());
  }

  private Expr parseUnary() {
    Token token = peek();
    if (token.type() != TokenType.ADD && token.type() != TokenType.SUB) {
      return at(token.pos(), parsePostfix(token.pos(), at(token.pos(), parsePrimary())));
    }
    next();
    int operandStart = peek().pos();
    // Unary operators bind tighter than everything but "^", so "-a^b" is "-(a^b)".
    Expr operand = parseExpr(BinaryOp.POW.precedence());
    if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
      throw error(operandStart, "unary expression only allowed on expressions of type scalar or instant vector, got \""
          + operand.type().description() + "\"");
    }
    if (operand instanceof NumberLiteral literal) {
      return token.type() == TokenType.SUB ? at(token.pos(), new NumberLiteral(-literal.value())) : literal;
    }
    return token.type() == TokenType.SUB ? at(token.pos(), new UnaryExpr(operand)) : operand;
  }

  private Expr parsePrimary() {
    Token token = peek();
    switch (token.type()) {
      case NUMBER -> {
        next();
        return new NumberLiteral(parseNumber(token.text()));
      }
      case DURATION -> {
        next();
        return new NumberLiteral(durationMillis(token) / 1000.0);
      }
      case STRING -> {
        next();
        return new StringLiteral(token.text());
      }
      case LEFT_PAREN -> {
        next();
        Expr inner = parseExpr(0);
        if (peek().type() != TokenType.RIGHT_PAREN) {
          if (peek().type() == TokenType.EOF) {
            throw error(token, "unclosed left parenthesis");
          }
          throw unexpected(peek(), "\")\"");
        }
        next();
        return new ParenExpr(inner);
      }
      case LEFT_BRACE -> {
        return parseSelector(token.pos(), null);
      }
      case IDENTIFIER, METRIC_IDENTIFIER -> {
        return parseIdentifierExpr(token);
      }
      case RIGHT_PAREN -> throw error(token, "unexpected right parenthesis ')'");
      default -> throw unexpected(token, null);
    }
  }

  private Expr parseIdentifierExpr(Token token) {
    String lower = token.text().toLowerCase(Locale.ROOT);
    if (token.type() == TokenType.IDENTIFIER) {
      AggregateOp aggregate = AggregateOp.of(token.text());
      if (aggregate != null) {
        return new AggregateParser(this).parse(aggregate);
      }
      if (KEYWORDS.contains(lower)) {
        throw unexpected(token, null);
      }
      if (peekAt(1).type() == TokenType.LEFT_PAREN) {
        return parseCall(token);
      }
    }
    next();
    return parseSelector(token.pos(), token.text());
  }

  private Expr parseCall(Token nameToken) {
    Function function = Functions.get(nameToken.text());
    if (function == null) {
      throw error(nameToken, "unknown function with name \"" + nameToken.text() + "\"");
    }
    if (function.experimental() && !experimental) {
      throw error(nameToken, "function \"" + function.name() + "\" is not enabled");
    }
    next();
    List<Expr> args = parseArguments("function call");
    FunctionChecks.check(this, nameToken.pos(), function, args);
    if (function.name().equals("info") && args.size() > 1) {
      // info's data-label selector may match every series, as Prometheus allows.
      emptySelectors.remove(args.get(1));
    }
    return new Call(function, args);
  }

  /** Parses {@code ( expr, expr, ... )} with an optional trailing comma, starting at the paren. */
  List<Expr> parseArguments(String context) {
    expect(TokenType.LEFT_PAREN, context, "\"(\"");
    List<Expr> args = new ArrayList<>();
    while (peek().type() != TokenType.RIGHT_PAREN) {
      args.add(parseExpr(0));
      if (peek().type() == TokenType.COMMA) {
        next();
      } else if (peek().type() != TokenType.RIGHT_PAREN) {
        throw unexpected(peek(), context, "\",\" or \")\"");
      }
    }
    next();
    return args;
  }

  private Expr parseSelector(int start, String metricName) {
    String name = metricName;
    List<LabelMatcher> matchers = new ArrayList<>();
    if (peek().type() == TokenType.LEFT_BRACE) {
      next();
      name = parseMatchers(name, matchers);
    }
    VectorSelector selector = new VectorSelector(name, matchers, 0, null);
    if (name == null && selector.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
      emptySelectors.put(selector, start);
    }
    return selector;
  }

  /** Parses matchers up to the closing brace; returns the metric name, which may be given in braces. */
  private String parseMatchers(String metricName, List<LabelMatcher> matchers) {
    String name = metricName;
    while (true) {
      Token label = next();
      if (label.type() == TokenType.RIGHT_BRACE) {
        return name;
      }
      if (label.type() == TokenType.EOF) {
        throw error(label, "unexpected end of input inside braces");
      }
      if (label.type() != TokenType.IDENTIFIER && label.type() != TokenType.STRING) {
        throw unexpected(label, "label matching", "identifier or \"}\"");
      }
      TokenType following = peek().type();
      if (label.type() == TokenType.STRING && (following == TokenType.COMMA || following == TokenType.RIGHT_BRACE)) {
        if (name != null) {
          throw error(label, "metric name must not be set twice: \"" + name + "\" or \"" + label.text() + "\"");
        }
        name = label.text();
      } else {
        matchers.add(parseMatcher(label));
      }
      Token separator = peek();
      if (separator.type() == TokenType.COMMA) {
        next();
      } else if (separator.type() != TokenType.RIGHT_BRACE) {
        throw unexpected(separator, "label matching", "\",\" or \"}\"");
      }
    }
  }

  private LabelMatcher parseMatcher(Token label) {
    Token op = next();
    MatchType type = switch (op.type()) {
      case EQL -> MatchType.EQUAL;
      case NEQ -> MatchType.NOT_EQUAL;
      case EQL_REGEX -> MatchType.REGEX;
      case NEQ_REGEX -> MatchType.NOT_REGEX;
      default -> throw unexpected(op, "label matching", "label matching operator");
    };
    Token value = next();
    if (value.type() != TokenType.STRING) {
      throw unexpected(value, "label matching", "string");
    }
    try {
      return new LabelMatcher(label.text(), type, value.text());
    } catch (Regex.RegexSyntaxException e) {
      throw error(label, e.getMessage()); // Prometheus places it at the label
    }
  }

  private Expr parsePostfix(int start, Expr primary) {
    Expr expr = primary;
    while (true) {
      Token token = peek();
      if (token.type() == TokenType.LEFT_BRACKET) {
        expr = parseRange(start, expr);
      } else if (isKeyword(token, "offset")) {
        next();
        expr = Modifiers.withOffset(this, token, expr, parseOffset());
      } else if (token.type() == TokenType.AT) {
        next();
        expr = Modifiers.withAt(this, token, expr, parseAt());
      } else if (experimental && (isKeyword(token, "anchored") || isKeyword(token, "smoothed"))) {
        next();
        RangeExtension extension = isKeyword(token, "anchored") ? RangeExtension.ANCHORED : RangeExtension.SMOOTHED;
        expr = Modifiers.withExtension(this, token, expr, extension);
      } else {
        return expr;
      }
    }
  }

  private Expr parseRange(int start, Expr expr) {
    Token open = next();
    DurationArg range = parseDuration("range selector");
    if (peek().type() == TokenType.COLON) {
      next();
      DurationArg step =
          peek().type() == TokenType.RIGHT_BRACKET ? DurationArg.fixed(0) : parseDuration("subquery selector");
      expect(TokenType.RIGHT_BRACKET, "subquery selector", "\"]\"");
      if (expr.type() != ValueType.VECTOR) {
        throw error(start, "subquery is only allowed on instant vector, got " + expr.type().description() + " instead");
      }
      return SubqueryExpr.of(expr, range, step);
    }
    expect(TokenType.RIGHT_BRACKET, "range selector", "\":\" or \"]\"");
    if (!(expr instanceof VectorSelector selector)) {
      throw error(open, "ranges only allowed for vector selectors");
    }
    if (selector.hasOffset()) {
      throw error(open, "no offset modifiers allowed before range");
    }
    if (selector.at() != null) {
      throw error(open, "no @ modifiers allowed before range");
    }
    return new MatrixSelector(selector, range.millis(), range.expr());
  }

  private DurationArg parseOffset() {
    Token first = peek().type() == TokenType.SUB || peek().type() == TokenType.ADD ? peekAt(1) : peek();
    if (experimental && first.type() != TokenType.NUMBER && first.type() != TokenType.DURATION) {
      // A bare literal ends the offset, so "foo offset 5m + 1" stays a binary expression.
      return new DurationArithmetic(this).parse(true);
    }
    boolean negative = false;
    if (peek().type() == TokenType.SUB || peek().type() == TokenType.ADD) {
      negative = next().type() == TokenType.SUB;
    }
    long millis = parseDurationLiteral("offset");
    return DurationArg.fixed(negative ? -millis : millis);
  }

  private AtModifier parseAt() {
    Token token = next();
    if (isKeyword(token, "start") || isKeyword(token, "end")) {
      expect(TokenType.LEFT_PAREN, "@ modifier", "\"(\"");
      expect(TokenType.RIGHT_PAREN, "@ modifier", "\")\"");
      return new AtModifier(isKeyword(token, "start") ? AtModifier.Kind.START : AtModifier.Kind.END, 0);
    }
    double sign = 1;
    Token number = token;
    if (token.type() == TokenType.SUB || token.type() == TokenType.ADD) {
      sign = token.type() == TokenType.SUB ? -1 : 1;
      number = next();
    }
    double seconds;
    if (number.type() == TokenType.NUMBER) {
      seconds = sign * parseNumber(number.text());
    } else if (number.type() == TokenType.DURATION) {
      seconds = sign * durationMillis(number) / 1000.0;
    } else {
      throw unexpected(number, "@", "number or \"start()\" or \"end()\"");
    }
    if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) > Long.MAX_VALUE / 1000.0) {
      throw error(number, "timestamp out of bounds for @ modifier: " + GoStrings.formatFloat(seconds));
    }
    return AtModifier.at(Math.round(seconds * 1000));
  }

  /** A duration such as {@code 5m}, or a number of seconds as Prometheus 3 accepts. */
  private DurationArg parseDuration(String context) {
    return experimental ? new DurationArithmetic(this).parse(false) : DurationArg.fixed(parseDurationLiteral(context));
  }

  private long parseDurationLiteral(String context) {
    Token token = next();
    if (token.type() == TokenType.DURATION) {
      return durationMillis(token);
    }
    if (token.type() == TokenType.NUMBER) {
      double seconds = parseNumber(token.text());
      if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
        throw error(token, "invalid duration \"" + token.text() + "\"");
      }
      return Math.round(seconds * 1000);
    }
    throw unexpected(token, context, "number or duration");
  }

  long durationMillis(Token token) {
    long millis = Durations.parseMillis(token.text());
    if (millis < 0) {
      throw error(token, "not a valid duration string: \"" + token.text() + "\"");
    }
    return millis;
  }

  /** Parses {@code (label, label, ...)}, allowing a trailing comma and quoted names. */
  List<String> parseLabelList(String context) {
    expect(TokenType.LEFT_PAREN, context, "\"(\"");
    List<String> labels = new ArrayList<>();
    while (true) {
      Token token = next();
      if (token.type() == TokenType.RIGHT_PAREN) {
        return labels;
      }
      if (token.type() != TokenType.IDENTIFIER && token.type() != TokenType.STRING) {
        throw unexpected(token, context, "label");
      }
      labels.add(token.text());
      if (peek().type() == TokenType.COMMA) {
        next();
      } else if (peek().type() != TokenType.RIGHT_PAREN) {
        throw unexpected(peek(), context, "\",\" or \")\"");
      }
    }
  }

  static double parseNumber(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (lower.startsWith("0x")) {
      return new BigInteger(text.substring(2), 16).doubleValue();
    }
    return Double.parseDouble(text);
  }

  boolean experimentalEnabled() {
    return experimental;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = tokens.get(index);
    if (index < tokens.size() - 1) {
      index++;
    }
    return token;
  }

  Token expect(TokenType type, String context, String expected) {
    Token token = next();
    if (token.type() != type) {
      throw unexpected(token, context, expected);
    }
    return token;
  }

  static boolean isKeyword(Token token, String keyword) {
    return token.type() == TokenType.IDENTIFIER && token.text().equalsIgnoreCase(keyword);
  }

  PromqlParseException error(Token token, String message) {
    return error(token.pos(), message);
  }

  PromqlParseException error(int offset, String message) {
    return new PromqlParseException(input, offset, message);
  }

  PromqlParseException unexpected(Token token, String expected) {
    return error(token, "unexpected " + token.describe() + (expected == null ? "" : ", expected " + expected));
  }

  PromqlParseException unexpected(Token token, String context, String expected) {
    return error(token, "unexpected " + token.describe() + " in " + context + ", expected " + expected);
  }
}
