package dev.floe.logql;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import java.util.ArrayList;
import java.util.List;

/** Parses the pipeline stages introduced by a keyword after {@code |}: parsers, formatters, keep and drop. */
final class StageParser {
  private final LogqlParser parser;

  private StageParser(LogqlParser parser) {
    this.parser = parser;
  }

  /** The stage {@code keyword} starts; the keyword is the parser's next token. */
  static Stage parse(LogqlParser parser, Token keyword) {
    return new StageParser(parser).stage(keyword);
  }

  private Stage stage(Token keyword) {
    if (!keyword.is(TokenKind.IDENTIFIER)) {
      throw parser.unexpected(keyword);
    }
    switch (keyword.text()) {
      case "json":
        parser.next();
        return new Stage.Json(extractions());
      case "logfmt":
        parser.next();
        return logfmt();
      case "regexp":
        parser.next();
        Token regex = parser.expect(TokenKind.STRING);
        Validation.regex(regex.text(), regex);
        return new Stage.Regexp(regex.text());
      case "pattern":
        parser.next();
        return new Stage.PatternParser(parser.expect(TokenKind.STRING).text());
      case "unpack":
        parser.next();
        return new Stage.Unpack();
      case "line_format":
        parser.next();
        return new Stage.LineFormat(parser.expect(TokenKind.STRING).text());
      case "label_format":
        parser.next();
        return new Stage.LabelFormat(labelFormatItems());
      case "keep":
        parser.next();
        return new Stage.Keep(selections());
      case "drop":
        parser.next();
        return new Stage.Drop(selections());
      case "decolorize":
        parser.next();
        return new Stage.Decolorize();
      case "distinct":
        parser.next();
        return new Stage.Distinct(names());
      default:
        throw parser.unexpected(keyword);
    }
  }

  private Stage logfmt() {
    boolean strict = false;
    boolean keepEmpty = false;
    while (parser.peek().is(TokenKind.PARSER_FLAG)) {
      Token flag = parser.next();
      if (flag.text().equals("--strict")) {
        strict = true;
      } else if (flag.text().equals("--keep-empty")) {
        keepEmpty = true;
      } else {
        throw Validation.error("syntax error: unexpected PARSER_FLAG " + flag.text(), flag);
      }
    }
    return new Stage.Logfmt(strict, keepEmpty, extractions());
  }

  private List<Stage.Extraction> extractions() {
    List<Stage.Extraction> extractions = new ArrayList<>();
    if (!parser.peek().is(TokenKind.IDENTIFIER)) {
      return extractions;
    }
    do {
      String name = parser.expect(TokenKind.IDENTIFIER).text();
      String expression = null;
      if (parser.peek().is(TokenKind.EQ)) {
        parser.next();
        expression = parser.expect(TokenKind.STRING).text();
      }
      extractions.add(new Stage.Extraction(name, expression));
    } while (commaFollows());
    return extractions;
  }

  private List<Stage.LabelFormatItem> labelFormatItems() {
    List<Stage.LabelFormatItem> items = new ArrayList<>();
    do {
      String target = parser.expect(TokenKind.IDENTIFIER).text();
      parser.expect(TokenKind.EQ);
      Token source = parser.next();
      if (source.is(TokenKind.STRING)) {
        items.add(new Stage.LabelFormatItem(target, source.text(), true));
      } else if (source.is(TokenKind.IDENTIFIER)) {
        items.add(new Stage.LabelFormatItem(target, source.text(), false));
      } else {
        throw parser.unexpected(source);
      }
    } while (commaFollows());
    return items;
  }

  private List<Stage.LabelSelection> selections() {
    List<Stage.LabelSelection> selections = new ArrayList<>();
    do {
      String name = parser.expect(TokenKind.IDENTIFIER).text();
      LabelMatcher matcher = null;
      MatchType op = matchOp(parser.peek());
      if (op != null) {
        parser.next();
        matcher = Validation.matcher(name, op, parser.expect(TokenKind.STRING));
      }
      selections.add(new Stage.LabelSelection(name, matcher));
    } while (commaFollows());
    return selections;
  }

  private List<String> names() {
    List<String> names = new ArrayList<>();
    do {
      names.add(parser.expect(TokenKind.IDENTIFIER).text());
    } while (commaFollows());
    return names;
  }

  private boolean commaFollows() {
    if (parser.peek().is(TokenKind.COMMA)) {
      parser.next();
      return true;
    }
    return false;
  }

  private static MatchType matchOp(Token token) {
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
        return null;
    }
  }
}
