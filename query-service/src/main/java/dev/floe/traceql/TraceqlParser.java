package dev.floe.traceql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses TraceQL with Tempo's grammar and operator precedence: {@code |} lowest, then {@code && ||}, then
 * comparisons and structural operators, then {@code + -}, {@code * / %}, {@code ^}. Errors carry the
 * line and column of the offending token. The result is checked by {@link TraceqlValidator}.
 */
public final class TraceqlParser {
  private static final Set<String> HINTS = Set.of(
      "sample", "trace_sample", "span_sample", "exemplars", "most_recent", "job_size", "time_overlap_cutoff",
      "concurrent_blocks", "debug", "info", "extrapolate", "spanonly_fetch", "skip_ast_transformations");

  private final List<Token> tokens;
  private int pos;

  private TraceqlParser(String query) {
    this.tokens = Lexer.tokenize(query);
  }

  /** Parses and validates {@code query}. */
  public static TraceqlQuery parse(String query) {
    TraceqlQuery parsed = new TraceqlParser(query).root();
    TraceqlValidator.validate(parsed);
    return parsed;
  }

  /**
   * Parses a tag name as the tag endpoints take it ({@code resource.service.name}, {@code span:name},
   * {@code status}), as Tempo's ParseIdentifier does.
   */
  public static Attribute parseIdentifier(String text) {
    try {
      TraceqlQuery query = new TraceqlParser("{ " + text + " }").root();
      if (query.spans() instanceof SpansetFilter && ((SpansetFilter) query.spans()).expr() instanceof Attribute) {
        return (Attribute) ((SpansetFilter) query.spans()).expr();
      }
      throw new TraceqlParseException("expected an attribute");
    } catch (TraceqlParseException e) {
      throw new TraceqlParseException("failed to parse identifier " + text + ": " + e.getMessage());
    }
  }

  /**
   * The conditions of the {@code q} the tag endpoints take, read leniently as Tempo does: a query that
   * does not parse keeps the matchers of its first {@code {...}} that do ({@code { a = "x" && b = }} keeps
   * {@code a = "x"}). Null when nothing usable is left; the caller then reads unfiltered.
   */
  public static FieldExpr parseLenientFilter(String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    try {
      TraceqlQuery parsed = parse(query);
      return parsed.spans() instanceof SpansetFilter ? ((SpansetFilter) parsed.spans()).expr() : null;
    } catch (TraceqlParseException e) {
      int open = query.indexOf('{');
      int close = query.indexOf('}', open + 1);
      String inner = query.substring(open + 1, close < 0 ? query.length() : close);
      boolean or = inner.contains("||") && !inner.contains("&&");
      FieldExpr combined = null;
      for (String part : inner.split(or ? "\\|\\|" : "&&")) {
        try {
          TraceqlQuery matcher = parse("{" + part + "}");
          if (matcher.spans() instanceof SpansetFilter) {
            FieldExpr expr = ((SpansetFilter) matcher.spans()).expr();
            combined = combined == null ? expr : new BinaryExpr(or ? Operator.OR : Operator.AND, combined, expr);
          }
        } catch (TraceqlParseException ignored) {
          // an incomplete matcher is left out, as Tempo's lenient parser does
        }
      }
      return combined;
    }
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (!t.is(TokenKind.EOF)) {
      pos++;
    }
    return t;
  }

  private boolean accept(TokenKind kind) {
    if (peek().is(kind)) {
      pos++;
      return true;
    }
    return false;
  }

  private Token expect(TokenKind kind) {
    if (!peek().is(kind)) {
      throw unexpected();
    }
    return advance();
  }

  private TraceqlParseException unexpected() {
    Token t = peek();
    return new TraceqlParseException("syntax error: unexpected " + t.describe(), t.line(), t.column());
  }

  private boolean atMetricsFunction(int ahead) {
    Token t = peek(ahead);
    return t.is(TokenKind.IDENT) && MetricsFunction.of(t.text()) != null && peek(ahead + 1).is(TokenKind.OPEN_PARENS);
  }

  private boolean containsMetricsFunction() {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.is(TokenKind.IDENT) && MetricsFunction.of(t.text()) != null && tokens.get(i + 1).is(TokenKind.OPEN_PARENS)) {
        return true;
      }
    }
    return false;
  }

  // ---- root

  private TraceqlQuery root() {
    SpansetExpr spans = null;
    MetricsExpr metrics = null;
    if (peek().is(TokenKind.EOF)) {
      throw unexpected();
    }
    if (containsMetricsFunction()) {
      metrics = metricsRoot();
    } else {
      spans = pipeline();
    }
    Map<String, Static> hints = new LinkedHashMap<>();
    if (peek().isIdent("with") && peek(1).is(TokenKind.OPEN_PARENS)) {
      advance();
      advance();
      do {
        Token name = expect(TokenKind.IDENT);
        expect(TokenKind.EQ);
        Static value = staticValue();
        if (!HINTS.contains(name.text()) && !name.text().startsWith("debug_")) {
          throw new TraceqlParseException("unknown hint: " + name.text(), name.line(), name.column());
        }
        hints.put(name.text(), value);
      } while (accept(TokenKind.COMMA));
      expect(TokenKind.CLOSE_PARENS);
    }
    if (!peek().is(TokenKind.EOF)) {
      throw unexpected();
    }
    return new TraceqlQuery(spans, metrics, hints);
  }

  private Static staticValue() {
    boolean negative = accept(TokenKind.SUB);
    Token t = advance();
    Static value;
    switch (t.kind()) {
      case STRING: value = Static.ofString(t.text()); break;
      case INTEGER: value = Static.ofInt(Long.parseLong(t.text())); break;
      case FLOAT: value = Static.ofFloat(Double.parseDouble(t.text())); break;
      case DURATION: value = Static.ofDuration(Long.parseLong(t.text())); break;
      case IDENT:
        value = keywordStatic(t);
        if (value == null) {
          pos--;
          throw unexpected();
        }
        break;
      default:
        pos--;
        throw unexpected();
    }
    return negative ? Values.negate(value) : value;
  }

  // ---- metrics

  private MetricsExpr metricsRoot() {
    int start = pos;
    if (!peek().is(TokenKind.OPEN_PARENS) || !startsMetricsExpression()) {
      try {
        SpansetExpr spans = pipeline();
        if (peek().is(TokenKind.PIPE) && atMetricsFunction(1)) {
          advance();
          MetricsAggregate aggregate = metricsAggregate();
          return new MetricsExpr.Query(spans, aggregate, secondStages());
        }
      } catch (TraceqlParseException e) {
        if (!startsMetricsArithmetic(start)) {
          throw e;
        }
      }
      pos = start;
    }
    MetricsExpr expr = metricsAdditive();
    List<SecondStage> stages = secondStages();
    return stages.isEmpty() ? expr : new MetricsExpr.Staged(expr, stages);
  }

  /** Whether the query at {@code start} begins with a number, as in {@code 100 * (...)}. */
  private boolean startsMetricsArithmetic(int start) {
    TokenKind kind = tokens.get(start).kind();
    return kind == TokenKind.INTEGER || kind == TokenKind.FLOAT || kind == TokenKind.SUB || kind == TokenKind.DURATION;
  }

  /** Whether the parenthesis at the cursor opens metrics arithmetic rather than a spanset pipeline. */
  private boolean startsMetricsExpression() {
    int save = pos;
    try {
      metricsAdditive();
      return peek().is(TokenKind.EOF) || peek().isIdent("with") || peek().is(TokenKind.PIPE) || isComparison(peek());
    } catch (TraceqlParseException e) {
      return false;
    } finally {
      pos = save;
    }
  }

  private MetricsExpr metricsAdditive() {
    MetricsExpr lhs = metricsMultiplicative();
    while (peek().is(TokenKind.ADD) || peek().is(TokenKind.SUB)) {
      Operator op = advance().is(TokenKind.ADD) ? Operator.ADD : Operator.SUB;
      lhs = new MetricsExpr.Math(op, lhs, metricsMultiplicative());
    }
    return lhs;
  }

  private MetricsExpr metricsMultiplicative() {
    MetricsExpr lhs = metricsFactor();
    while (peek().is(TokenKind.MUL) || peek().is(TokenKind.DIV)) {
      Operator op = advance().is(TokenKind.MUL) ? Operator.MUL : Operator.DIV;
      lhs = new MetricsExpr.Math(op, lhs, metricsFactor());
    }
    return lhs;
  }

  private MetricsExpr metricsFactor() {
    Token t = peek();
    if (t.is(TokenKind.INTEGER) || t.is(TokenKind.FLOAT) || t.is(TokenKind.DURATION) || t.is(TokenKind.SUB)) {
      boolean negative = accept(TokenKind.SUB);
      Token number = advance();
      if (number.is(TokenKind.DURATION)) {
        throw new TraceqlParseException("duration cannot be used as a scalar operand in metric arithmetic", number.line(), number.column());
      }
      if (!number.is(TokenKind.INTEGER) && !number.is(TokenKind.FLOAT)) {
        pos--;
        throw unexpected();
      }
      double value = Double.parseDouble(number.text());
      return new MetricsExpr.Scalar(negative ? -value : value, number.is(TokenKind.INTEGER));
    }
    expect(TokenKind.OPEN_PARENS);
    int save = pos;
    try {
      MetricsExpr inner = metricsAdditive();
      expect(TokenKind.CLOSE_PARENS);
      return inner;
    } catch (TraceqlParseException e) {
      pos = save;
    }
    SpansetExpr spans = pipeline();
    expect(TokenKind.PIPE);
    if (!atMetricsFunction(0)) {
      throw unexpected();
    }
    MetricsAggregate aggregate = metricsAggregate();
    List<SecondStage> stages = secondStages();
    expect(TokenKind.CLOSE_PARENS);
    return new MetricsExpr.Query(spans, aggregate, stages);
  }

  private MetricsAggregate metricsAggregate() {
    Token name = advance();
    MetricsFunction function = MetricsFunction.of(name.text());
    expect(TokenKind.OPEN_PARENS);
    Attribute attribute = null;
    List<Double> quantiles = new ArrayList<>();
    SpansetFilter compareFilter = null;
    int topN = 10;
    long compareStart = 0;
    long compareEnd = 0;
    if (function == MetricsFunction.COMPARE) {
      compareFilter = spansetFilter();
      if (accept(TokenKind.COMMA)) {
        topN = (int) integer();
        if (accept(TokenKind.COMMA)) {
          compareStart = integer();
          expect(TokenKind.COMMA);
          compareEnd = integer();
        }
      }
    } else if (function.takesAttribute()) {
      attribute = attribute();
      if (function == MetricsFunction.QUANTILE_OVER_TIME) {
        expect(TokenKind.COMMA);
        do {
          Token q = advance();
          if (!q.is(TokenKind.INTEGER) && !q.is(TokenKind.FLOAT)) {
            pos--;
            throw unexpected();
          }
          quantiles.add(Double.parseDouble(q.text()));
        } while (accept(TokenKind.COMMA));
      }
    }
    expect(TokenKind.CLOSE_PARENS);
    List<Attribute> by = new ArrayList<>();
    if (function != MetricsFunction.COMPARE && peek().isIdent("by") && peek(1).is(TokenKind.OPEN_PARENS)) {
      advance();
      advance();
      by = attributeList();
      expect(TokenKind.CLOSE_PARENS);
    }
    return new MetricsAggregate(function, attribute, quantiles, by, compareFilter, topN, compareStart, compareEnd);
  }

  private long integer() {
    boolean negative = accept(TokenKind.SUB);
    long value = Long.parseLong(expect(TokenKind.INTEGER).text());
    return negative ? -value : value;
  }

  private List<SecondStage> secondStages() {
    List<SecondStage> stages = new ArrayList<>();
    while (true) {
      if (peek().is(TokenKind.PIPE) && (peek(1).isIdent("topk") || peek(1).isIdent("bottomk"))) {
        advance();
        boolean bottom = advance().text().equals("bottomk");
        expect(TokenKind.OPEN_PARENS);
        Token k = expect(TokenKind.INTEGER);
        expect(TokenKind.CLOSE_PARENS);
        stages.add(new SecondStage.TopK(bottom, Integer.parseInt(k.text())));
      } else if (isComparison(peek())) {
        Operator op = comparison(advance());
        Static value = constantScalar();
        stages.add(new SecondStage.Filter(op, value.type() == StaticType.DURATION ? value.asMetric() : value.asDouble()));
      } else {
        return stages;
      }
    }
  }

  /** A literal with folded arithmetic, as Tempo's {@code scalar} rule. */
  private Static constantScalar() {
    Static lhs = constantTerm();
    while (peek().is(TokenKind.ADD) || peek().is(TokenKind.SUB)) {
      Operator op = advance().is(TokenKind.ADD) ? Operator.ADD : Operator.SUB;
      lhs = Values.arithmetic(op, lhs, constantTerm());
    }
    return lhs;
  }

  private Static constantTerm() {
    Static lhs = constantFactor();
    while (peek().is(TokenKind.MUL) || peek().is(TokenKind.DIV)) {
      Operator op = advance().is(TokenKind.MUL) ? Operator.MUL : Operator.DIV;
      lhs = Values.arithmetic(op, lhs, constantFactor());
    }
    return lhs;
  }

  private Static constantFactor() {
    if (accept(TokenKind.SUB)) {
      return Values.negate(constantFactor());
    }
    if (accept(TokenKind.OPEN_PARENS)) {
      Static inner = constantScalar();
      expect(TokenKind.CLOSE_PARENS);
      return inner;
    }
    Token t = advance();
    switch (t.kind()) {
      case INTEGER: return Static.ofInt(Long.parseLong(t.text()));
      case FLOAT: return Static.ofFloat(Double.parseDouble(t.text()));
      case DURATION: return Static.ofDuration(Long.parseLong(t.text()));
      default:
        pos--;
        throw unexpected();
    }
  }

  // ---- spanset pipelines

  private SpansetExpr pipeline() {
    List<SpansetExpr> stages = new ArrayList<>();
    stages.add(pipelineElement());
    while (peek().is(TokenKind.PIPE) && !atMetricsFunction(1)) {
      advance();
      stages.add(pipelineElement());
    }
    return stages.size() == 1 ? stages.get(0) : new Pipeline(stages);
  }

  private SpansetExpr pipelineElement() {
    Token t = peek();
    if (t.is(TokenKind.IDENT) && peek(1).is(TokenKind.OPEN_PARENS)) {
      switch (t.text()) {
        case "by": {
          advance();
          advance();
          FieldExpr expr = fieldExpression();
          expect(TokenKind.CLOSE_PARENS);
          return new GroupBy(expr);
        }
        case "coalesce":
          advance();
          advance();
          expect(TokenKind.CLOSE_PARENS);
          return new Coalesce();
        case "select": {
          advance();
          advance();
          List<Attribute> attributes = attributeList();
          expect(TokenKind.CLOSE_PARENS);
          return new Select(attributes);
        }
        default:
          break;
      }
    }
    if (startsScalarFilter()) {
      return scalarFilter();
    }
    return spansetLogical();
  }

  private boolean startsScalarFilter() {
    Token t = peek();
    if (t.is(TokenKind.IDENT) && AggregateOp.of(t.text()) != null && peek(1).is(TokenKind.OPEN_PARENS)) {
      return true;
    }
    return t.is(TokenKind.INTEGER) || t.is(TokenKind.FLOAT) || t.is(TokenKind.DURATION) || t.is(TokenKind.SUB);
  }

  private SpansetExpr scalarFilter() {
    ScalarExpr lhs = scalarAdditive();
    if (!isComparison(peek())) {
      throw unexpected();
    }
    Operator op = comparison(advance());
    ScalarExpr rhs = scalarAdditive();
    return new ScalarFilter(op, lhs, rhs);
  }

  private ScalarExpr scalarAdditive() {
    ScalarExpr lhs = scalarMultiplicative();
    while (peek().is(TokenKind.ADD) || peek().is(TokenKind.SUB)) {
      Operator op = advance().is(TokenKind.ADD) ? Operator.ADD : Operator.SUB;
      lhs = new ScalarArithmetic(op, lhs, scalarMultiplicative());
    }
    return lhs;
  }

  private ScalarExpr scalarMultiplicative() {
    ScalarExpr lhs = scalarFactor();
    while (peek().is(TokenKind.MUL) || peek().is(TokenKind.DIV) || peek().is(TokenKind.MOD) || peek().is(TokenKind.POW)) {
      Token op = advance();
      lhs = new ScalarArithmetic(arithmetic(op), lhs, scalarFactor());
    }
    return lhs;
  }

  private ScalarExpr scalarFactor() {
    Token t = peek();
    if (t.is(TokenKind.IDENT) && AggregateOp.of(t.text()) != null && peek(1).is(TokenKind.OPEN_PARENS)) {
      advance();
      advance();
      AggregateOp op = AggregateOp.of(t.text());
      FieldExpr expr = null;
      if (op != AggregateOp.COUNT) {
        expr = fieldExpression();
      }
      expect(TokenKind.CLOSE_PARENS);
      return new Aggregate(op, expr);
    }
    if (accept(TokenKind.OPEN_PARENS)) {
      ScalarExpr inner = scalarAdditive();
      expect(TokenKind.CLOSE_PARENS);
      return inner;
    }
    return staticValue();
  }

  private SpansetExpr spansetLogical() {
    SpansetExpr lhs = spansetStructural();
    while (peek().is(TokenKind.AND) || peek().is(TokenKind.OR)) {
      SpansetOperator op = advance().is(TokenKind.AND) ? SpansetOperator.AND : SpansetOperator.OR;
      lhs = new SpansetOperation(op, lhs, spansetStructural());
    }
    return lhs;
  }

  private SpansetExpr spansetStructural() {
    SpansetExpr lhs = spansetPrimary();
    while (true) {
      SpansetOperator op = structural(peek().kind());
      if (op == null) {
        return lhs;
      }
      advance();
      lhs = new SpansetOperation(op, lhs, spansetPrimary());
    }
  }

  private static SpansetOperator structural(TokenKind kind) {
    switch (kind) {
      case GT: return SpansetOperator.CHILD;
      case LT: return SpansetOperator.PARENT;
      case DESC: return SpansetOperator.DESCENDANT;
      case ANCE: return SpansetOperator.ANCESTOR;
      case SIBL: return SpansetOperator.SIBLING;
      case NOT_CHILD: return SpansetOperator.NOT_CHILD;
      case NOT_PARENT: return SpansetOperator.NOT_PARENT;
      case NOT_DESC: return SpansetOperator.NOT_DESCENDANT;
      case NOT_ANCE: return SpansetOperator.NOT_ANCESTOR;
      case NRE: return SpansetOperator.NOT_SIBLING;
      case UNION_CHILD: return SpansetOperator.UNION_CHILD;
      case UNION_PARENT: return SpansetOperator.UNION_PARENT;
      case UNION_DESC: return SpansetOperator.UNION_DESCENDANT;
      case UNION_ANCE: return SpansetOperator.UNION_ANCESTOR;
      case UNION_SIBL: return SpansetOperator.UNION_SIBLING;
      default: return null;
    }
  }

  private SpansetExpr spansetPrimary() {
    if (accept(TokenKind.OPEN_PARENS)) {
      SpansetExpr inner = pipeline();
      expect(TokenKind.CLOSE_PARENS);
      return inner;
    }
    return spansetFilter();
  }

  private SpansetFilter spansetFilter() {
    expect(TokenKind.OPEN_BRACE);
    if (accept(TokenKind.CLOSE_BRACE)) {
      return new SpansetFilter(Static.TRUE);
    }
    FieldExpr expr = fieldExpression();
    expect(TokenKind.CLOSE_BRACE);
    return new SpansetFilter(expr);
  }

  private List<Attribute> attributeList() {
    List<Attribute> attributes = new ArrayList<>();
    do {
      attributes.add(attribute());
    } while (accept(TokenKind.COMMA));
    return attributes;
  }

  private Attribute attribute() {
    FieldExpr expr = fieldAtom();
    if (!(expr instanceof Attribute)) {
      pos--;
      throw unexpected();
    }
    return (Attribute) expr;
  }

  // ---- field expressions

  private FieldExpr fieldExpression() {
    FieldExpr lhs = fieldComparison();
    while (peek().is(TokenKind.AND) || peek().is(TokenKind.OR)) {
      Operator op = advance().is(TokenKind.AND) ? Operator.AND : Operator.OR;
      lhs = new BinaryExpr(op, lhs, fieldComparison());
    }
    return lhs;
  }

  private FieldExpr fieldComparison() {
    FieldExpr lhs = fieldAdditive();
    while (isComparison(peek()) || peek().is(TokenKind.RE) || peek().is(TokenKind.NRE)) {
      Token t = advance();
      Operator op = t.is(TokenKind.RE) ? Operator.RE : t.is(TokenKind.NRE) ? Operator.NRE : comparison(t);
      FieldExpr rhs = fieldAdditive();
      boolean lhsNil = lhs instanceof Static && ((Static) lhs).isNil();
      boolean rhsNil = rhs instanceof Static && ((Static) rhs).isNil();
      if ((op == Operator.EQ || op == Operator.NEQ) && (lhsNil || rhsNil)) {
        if (lhsNil && rhsNil) {
          lhs = Static.FALSE;
        } else {
          lhs = new UnaryExpr(op == Operator.EQ ? Operator.NOT_EXISTS : Operator.EXISTS, lhsNil ? rhs : lhs);
        }
      } else {
        lhs = new BinaryExpr(op, lhs, rhs);
      }
    }
    return lhs;
  }

  private FieldExpr fieldAdditive() {
    FieldExpr lhs = fieldMultiplicative();
    while (peek().is(TokenKind.ADD) || peek().is(TokenKind.SUB)) {
      Operator op = advance().is(TokenKind.ADD) ? Operator.ADD : Operator.SUB;
      lhs = new BinaryExpr(op, lhs, fieldMultiplicative());
    }
    return lhs;
  }

  private FieldExpr fieldMultiplicative() {
    FieldExpr lhs = fieldPower();
    while (peek().is(TokenKind.MUL) || peek().is(TokenKind.DIV) || peek().is(TokenKind.MOD)) {
      Operator op = arithmetic(advance());
      lhs = new BinaryExpr(op, lhs, fieldPower());
    }
    return lhs;
  }

  private FieldExpr fieldPower() {
    FieldExpr lhs = fieldUnary();
    if (accept(TokenKind.POW)) {
      return new BinaryExpr(Operator.POW, lhs, fieldPower());
    }
    return lhs;
  }

  private FieldExpr fieldUnary() {
    if (accept(TokenKind.SUB)) {
      FieldExpr operand = fieldUnary();
      if (operand instanceof Static && ((Static) operand).type().isNumeric()) {
        return Values.negate((Static) operand);
      }
      return new UnaryExpr(Operator.SUB, operand);
    }
    if (accept(TokenKind.NOT)) {
      return new UnaryExpr(Operator.NOT, fieldUnary());
    }
    return fieldAtom();
  }

  private FieldExpr fieldAtom() {
    Token t = advance();
    switch (t.kind()) {
      case OPEN_PARENS: {
        FieldExpr inner = fieldExpression();
        expect(TokenKind.CLOSE_PARENS);
        return inner;
      }
      case STRING: return Static.ofString(t.text());
      case INTEGER: return Static.ofInt(Long.parseLong(t.text()));
      case FLOAT: return Static.ofFloat(Double.parseDouble(t.text()));
      case DURATION: return Static.ofDuration(Long.parseLong(t.text()));
      case SCOPE_COLON: {
        Token name = advance();
        Intrinsic intrinsic = name.is(TokenKind.IDENT) ? Intrinsic.of(t.text() + name.text()) : null;
        if (intrinsic == null || !(t.text() + name.text()).equals(intrinsic.scoped())) {
          pos--;
          throw unexpected();
        }
        return Attribute.intrinsic(intrinsic, intrinsic.scoped());
      }
      case SCOPE_DOT: {
        boolean parent = t.text().equals("parent.");
        String scopeText = t.text();
        if (parent && peek().is(TokenKind.SCOPE_DOT)) {
          scopeText = advance().text();
        } else if (parent) {
          scopeText = ".";
        }
        Token name = advance();
        if (!name.is(TokenKind.ATTRIBUTE) || name.text().isEmpty()) {
          throw new TraceqlParseException("syntax error: unexpected END_ATTRIBUTE", name.line(), name.column());
        }
        AttributeScope scope = AttributeScope.ofPrefix(scopeText.substring(0, scopeText.length() - 1));
        return Attribute.scoped(scope, name.text(), parent);
      }
      case IDENT: {
        Static keyword = keywordStatic(t);
        if (keyword != null) {
          return keyword;
        }
        Intrinsic intrinsic = Intrinsic.of(t.text());
        if (intrinsic != null && t.text().equals(intrinsic.legacy())) {
          return Attribute.intrinsic(intrinsic, intrinsic.legacy());
        }
        throw new TraceqlParseException("unknown identifier: " + t.text(), t.line(), t.column());
      }
      default:
        pos--;
        throw unexpected();
    }
  }

  private static Static keywordStatic(Token t) {
    switch (t.text()) {
      case "true": return Static.TRUE;
      case "false": return Static.FALSE;
      case "nil": return Static.NIL;
      case "unset": return Static.ofStatus(0);
      case "ok": return Static.ofStatus(1);
      case "error": return Static.ofStatus(2);
      case "unspecified": return Static.ofKind(0);
      case "internal": return Static.ofKind(1);
      case "server": return Static.ofKind(2);
      case "client": return Static.ofKind(3);
      case "producer": return Static.ofKind(4);
      case "consumer": return Static.ofKind(5);
      case "minInt": return Static.ofInt(Long.MIN_VALUE);
      case "maxInt": return Static.ofInt(Long.MAX_VALUE);
      default: return null;
    }
  }

  private static boolean isComparison(Token t) {
    switch (t.kind()) {
      case EQ: case NEQ: case GT: case GTE: case LT: case LTE: return true;
      default: return false;
    }
  }

  private static Operator comparison(Token t) {
    switch (t.kind()) {
      case EQ: return Operator.EQ;
      case NEQ: return Operator.NEQ;
      case GT: return Operator.GT;
      case GTE: return Operator.GTE;
      case LT: return Operator.LT;
      default: return Operator.LTE;
    }
  }

  private static Operator arithmetic(Token t) {
    switch (t.kind()) {
      case MUL: return Operator.MUL;
      case DIV: return Operator.DIV;
      case MOD: return Operator.MOD;
      default: return Operator.POW;
    }
  }
}
