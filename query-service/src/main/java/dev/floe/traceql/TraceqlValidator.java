package dev.floe.traceql;

import dev.floe.lang.Regex;

/** Tempo's checks on a parsed query: operand types, regexes, nil tests, aggregates and unsupported forms. */
public final class TraceqlValidator {
  private TraceqlValidator() {}

  /** @throws TraceqlParseException naming the first problem, in Tempo's words */
  public static void validate(TraceqlQuery query) {
    if (query.spans() != null) {
      spanset(query.spans());
    }
    if (query.metrics() != null) {
      metrics(query.metrics(), false);
    }
  }

  private static void metrics(MetricsExpr expr, boolean combined) {
    if (expr instanceof MetricsExpr.Query) {
      MetricsExpr.Query q = (MetricsExpr.Query) expr;
      spanset(q.pipeline());
      MetricsAggregate agg = q.aggregate();
      if (agg.function() == MetricsFunction.COMPARE) {
        if (combined || !q.stages().isEmpty()) {
          throw new TraceqlParseException("`compare()` cannot be used with second stage functions");
        }
        spanset(agg.compareFilter());
      }
      if (agg.attribute() != null) {
        attribute(agg.attribute());
      }
      for (Attribute by : agg.by()) {
        attribute(by);
      }
      for (double quantile : agg.quantiles()) {
        if (quantile < 0 || quantile > 1) {
          throw new TraceqlParseException("quantile must be between 0 and 1: " + quantile);
        }
      }
      for (SecondStage stage : q.stages()) {
        secondStage(stage);
      }
    } else if (expr instanceof MetricsExpr.Math) {
      metrics(((MetricsExpr.Math) expr).lhs(), true);
      metrics(((MetricsExpr.Math) expr).rhs(), true);
    } else if (expr instanceof MetricsExpr.Staged) {
      metrics(((MetricsExpr.Staged) expr).expr(), true);
      for (SecondStage stage : ((MetricsExpr.Staged) expr).stages()) {
        secondStage(stage);
      }
    }
  }

  private static void secondStage(SecondStage stage) {
    if (stage instanceof SecondStage.TopK && ((SecondStage.TopK) stage).k() <= 0) {
      throw new TraceqlParseException("limit parameter must be greater than 0 for topk and bottomk");
    }
  }

  private static void spanset(SpansetExpr expr) {
    if (expr instanceof SpansetFilter) {
      FieldExpr f = ((SpansetFilter) expr).expr();
      field(f);
      StaticType t = type(f);
      if (t != StaticType.BOOL && t != StaticType.ATTRIBUTE) {
        throw new TraceqlParseException("span filter field expressions must resolve to a boolean: " + expr);
      }
    } else if (expr instanceof SpansetOperation) {
      spanset(((SpansetOperation) expr).lhs());
      spanset(((SpansetOperation) expr).rhs());
    } else if (expr instanceof Pipeline) {
      for (SpansetExpr stage : ((Pipeline) expr).stages()) {
        spanset(stage);
      }
    } else if (expr instanceof GroupBy) {
      FieldExpr f = ((GroupBy) expr).expr();
      field(f);
      if (!referencesSpan(f)) {
        throw new TraceqlParseException("grouping field expressions must reference the span: " + expr);
      }
    } else if (expr instanceof Select) {
      for (Attribute a : ((Select) expr).attributes()) {
        attribute(a);
      }
    } else if (expr instanceof ScalarFilter) {
      scalarFilter((ScalarFilter) expr);
    }
  }

  private static void scalarFilter(ScalarFilter filter) {
    scalar(filter.lhs());
    scalar(filter.rhs());
    StaticType lt = scalarType(filter.lhs());
    StaticType rt = scalarType(filter.rhs());
    if (!lt.matches(rt)) {
      throw new TraceqlParseException("binary operations must operate on the same type: " + filter);
    }
    boolean lhsAggregate = filter.lhs() instanceof Aggregate;
    boolean rhsAggregate = filter.rhs() instanceof Aggregate;
    if (!(lhsAggregate && filter.rhs() instanceof Static) && !(rhsAggregate && filter.lhs() instanceof Static)) {
      throw new TraceqlParseException("scalar filters other than aggregate compared with a literal not yet supported");
    }
  }

  private static void scalar(ScalarExpr expr) {
    if (expr instanceof Aggregate) {
      Aggregate a = (Aggregate) expr;
      if (a.expr() != null) {
        field(a.expr());
        StaticType t = type(a.expr());
        if (!t.isNumeric() && t != StaticType.ATTRIBUTE) {
          throw new TraceqlParseException("aggregate field expressions must resolve to a number type: " + a);
        }
        if (!referencesSpan(a.expr())) {
          throw new TraceqlParseException("aggregate field expressions must reference the span: " + a);
        }
      }
    } else if (expr instanceof ScalarArithmetic) {
      scalar(((ScalarArithmetic) expr).lhs());
      scalar(((ScalarArithmetic) expr).rhs());
    }
  }

  private static StaticType scalarType(ScalarExpr expr) {
    if (expr instanceof Static) {
      return ((Static) expr).type();
    }
    if (expr instanceof Aggregate) {
      Aggregate a = (Aggregate) expr;
      return a.op() == AggregateOp.COUNT ? StaticType.INT : type(a.expr());
    }
    StaticType t = scalarType(((ScalarArithmetic) expr).lhs());
    return t == StaticType.ATTRIBUTE ? scalarType(((ScalarArithmetic) expr).rhs()) : t;
  }

  private static void attribute(Attribute a) {
    if (a.parent()) {
      throw new TraceqlParseException("parent not yet supported");
    }
    if (a.intrinsic() == Intrinsic.PARENT) {
      throw new TraceqlParseException("intrinsic (parent) not yet supported");
    }
  }

  private static void field(FieldExpr expr) {
    if (expr instanceof Attribute) {
      attribute((Attribute) expr);
    } else if (expr instanceof BinaryExpr) {
      BinaryExpr b = (BinaryExpr) expr;
      field(b.lhs());
      field(b.rhs());
      StaticType lt = type(b.lhs());
      StaticType rt = type(b.rhs());
      if (!lt.matches(rt)) {
        throw new TraceqlParseException("binary operations must operate on the same type: " + expr);
      }
      if (!b.op().validFor(lt) || !b.op().validFor(rt)) {
        throw new TraceqlParseException("illegal operation for the given types: " + expr);
      }
      if (b.op() == Operator.RE || b.op() == Operator.NRE) {
        if (!(b.rhs() instanceof Static) || ((Static) b.rhs()).type() != StaticType.STRING) {
          throw new TraceqlParseException("invalid type for =~ or !~: " + b.rhs());
        }
        try {
          Regex.compileAnchored(((Static) b.rhs()).asString());
        } catch (Regex.RegexSyntaxException e) {
          throw new TraceqlParseException("invalid regex: " + b.rhs());
        }
      }
    } else if (expr instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) expr;
      field(u.operand());
      if (u.op() == Operator.NOT_EXISTS && u.operand() instanceof Attribute) {
        Attribute a = (Attribute) u.operand();
        if (a.isIntrinsic()) {
          throw new TraceqlParseException(a + "=nil is not valid because intrinsics cannot be nil");
        }
        if (a.scope() == AttributeScope.RESOURCE && a.name().equals("service.name")) {
          throw new TraceqlParseException(a + "=nil is not valid because resource.service.name cannot be nil");
        }
      }
      StaticType t = type(u.operand());
      if (t != StaticType.ATTRIBUTE
          && ((u.op() == Operator.SUB && !t.isNumeric()) || (u.op() == Operator.NOT && t != StaticType.BOOL))) {
        throw new TraceqlParseException("illegal operation for the given type: " + expr);
      }
    }
  }

  /** The type {@code expr} is known to have before evaluation. */
  public static StaticType type(FieldExpr expr) {
    if (expr instanceof Static) {
      return ((Static) expr).type();
    }
    if (expr instanceof Attribute) {
      return ((Attribute) expr).impliedType();
    }
    if (expr instanceof UnaryExpr) {
      UnaryExpr u = (UnaryExpr) expr;
      return u.op() == Operator.SUB ? type(u.operand()) : StaticType.BOOL;
    }
    BinaryExpr b = (BinaryExpr) expr;
    if (b.op().isBoolean()) {
      return StaticType.BOOL;
    }
    StaticType t = type(b.lhs());
    return t != StaticType.ATTRIBUTE ? t : type(b.rhs());
  }

  private static boolean referencesSpan(FieldExpr expr) {
    if (expr instanceof Attribute) {
      return true;
    }
    if (expr instanceof BinaryExpr) {
      return referencesSpan(((BinaryExpr) expr).lhs()) || referencesSpan(((BinaryExpr) expr).rhs());
    }
    if (expr instanceof UnaryExpr) {
      return referencesSpan(((UnaryExpr) expr).operand());
    }
    return false;
  }
}
