package dev.floe.logql;

import dev.floe.lang.Durations;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;

/** Parses one comparison of a label filter once its label name has been read. */
final class LabelFilterParser {
  private LabelFilterParser() {}

  static LabelFilter parse(LogqlParser parser, String name) {
    Token opToken = parser.next();
    Token value = parser.peek();
    switch (opToken.kind()) {
      case RE:
      case NRE:
        parser.expect(TokenKind.STRING);
        return new LabelFilter.StringFilter(
            Validation.matcher(name, opToken.is(TokenKind.RE) ? MatchType.REGEX : MatchType.NOT_REGEX, value));
      case EQ:
      case NEQ:
        if (value.is(TokenKind.STRING)) {
          parser.next();
          MatchType op = opToken.is(TokenKind.EQ) ? MatchType.EQUAL : MatchType.NOT_EQUAL;
          return new LabelFilter.StringFilter(new LabelMatcher(name, op, value.text()));
        }
        if (value.isWord("ip")) {
          return new LabelFilter.IpFilter(name, opToken.is(TokenKind.NEQ), parser.ipArgument());
        }
        return comparison(parser, name, opToken);
      default:
        return comparison(parser, name, opToken);
    }
  }

  private static LabelFilter comparison(LogqlParser parser, String name, Token opToken) {
    LabelFilter.Comparison op = comparisonOp(parser, opToken);
    Token value = parser.peek();
    switch (value.kind()) {
      case DURATION:
        parser.next();
        return new LabelFilter.DurationFilter(name, op, Durations.parse(value.text()));
      case BYTES:
        parser.next();
        return new LabelFilter.BytesFilter(name, op, value.text());
      case NUMBER:
      case SUB:
      case ADD:
        return new LabelFilter.NumberFilter(name, op, parser.signedNumber());
      default:
        throw parser.unexpected(value);
    }
  }

  private static LabelFilter.Comparison comparisonOp(LogqlParser parser, Token token) {
    switch (token.kind()) {
      case EQ:
      case CMP_EQ:
        return LabelFilter.Comparison.EQ;
      case NEQ:
        return LabelFilter.Comparison.NEQ;
      case GT:
        return LabelFilter.Comparison.GT;
      case GTE:
        return LabelFilter.Comparison.GTE;
      case LT:
        return LabelFilter.Comparison.LT;
      case LTE:
        return LabelFilter.Comparison.LTE;
      default:
        throw parser.unexpected(token);
    }
  }
}
