package dev.floe.traceql;

import dev.floe.lang.Durations;
import dev.floe.lang.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a TraceQL query into tokens, as Tempo's lexer does (attribute names run to a delimiter). */
final class Lexer {
  private static final Set<String> DOT_SCOPES = Set.of("resource", "span", "parent", "event", "link", "instrumentation");
  private static final Set<String> COLON_SCOPES = Set.of("span", "trace", "event", "link", "instrumentation");
  private static final String[][] OPERATORS = {
    {"!>>", "NOT_DESC"}, {"!<<", "NOT_ANCE"}, {"&>>", "UNION_DESC"}, {"&<<", "UNION_ANCE"},
    {">>", "DESC"}, {"<<", "ANCE"}, {"!=", "NEQ"}, {"=~", "RE"}, {"!~", "NRE"}, {">=", "GTE"}, {"<=", "LTE"},
    {"&&", "AND"}, {"||", "OR"}, {"!>", "NOT_CHILD"}, {"!<", "NOT_PARENT"}, {"&>", "UNION_CHILD"},
    {"&<", "UNION_PARENT"}, {"&~", "UNION_SIBL"},
    {"{", "OPEN_BRACE"}, {"}", "CLOSE_BRACE"}, {"(", "OPEN_PARENS"}, {")", "CLOSE_PARENS"}, {",", "COMMA"},
    {"=", "EQ"}, {">", "GT"}, {"<", "LT"}, {"+", "ADD"}, {"-", "SUB"}, {"*", "MUL"}, {"/", "DIV"}, {"%", "MOD"},
    {"^", "POW"}, {"!", "NOT"}, {"|", "PIPE"}, {"~", "SIBL"}
  };

  private final String input;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> tokenize(String input) {
    return new Lexer(input).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpace();
      Token token = next();
      tokens.add(token);
      if (token.is(TokenKind.EOF)) {
        return tokens;
      }
      if (token.is(TokenKind.SCOPE_DOT)) {
        if (token.text().equals("parent.")) {
          for (String scope : new String[] {"resource.", "span."}) {
            if (input.startsWith(scope, pos)) {
              tokens.add(new Token(TokenKind.SCOPE_DOT, scope, line, column()));
              pos += scope.length();
              break;
            }
          }
        }
        tokens.add(attribute());
      }
    }
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private void skipSpace() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      if (input.charAt(pos) == '\n') {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
  }

  private TraceqlParseException error(String message, int column) {
    return new TraceqlParseException(message, line, column);
  }

  private Token next() {
    int col = column();
    if (pos >= input.length()) {
      return new Token(TokenKind.EOF, "", line, col);
    }
    char c = input.charAt(pos);
    if (c == '"' || c == '`') {
      return new Token(TokenKind.STRING, string(c, col), line, col);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
      return number(col);
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
        pos++;
      }
      String word = input.substring(start, pos);
      if (pos < input.length() && input.charAt(pos) == '.' && DOT_SCOPES.contains(word)) {
        pos++;
        return new Token(TokenKind.SCOPE_DOT, word + ".", line, col);
      }
      if (pos < input.length() && input.charAt(pos) == ':' && COLON_SCOPES.contains(word)) {
        pos++;
        return new Token(TokenKind.SCOPE_COLON, word + ":", line, col);
      }
      return new Token(TokenKind.IDENT, word, line, col);
    }
    if (c == '.') {
      pos++;
      return new Token(TokenKind.SCOPE_DOT, ".", line, col);
    }
    for (String[] op : OPERATORS) {
      if (input.startsWith(op[0], pos)) {
        pos += op[0].length();
        return new Token(TokenKind.valueOf(op[1]), op[0], line, col);
      }
    }
    throw error("syntax error: unexpected character " + "'" + c + "'", col);
  }

  private Token number(int col) {
    int start = pos;
    boolean isFloat = false;
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      while (pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
        pos++;
      }
      return new Token(TokenKind.INTEGER, Long.toString(Long.parseLong(input.substring(start + 2, pos), 16)), line, col);
    }
    while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
      pos++;
    }
    if (pos < input.length() && input.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        pos++;
      }
    }
    if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        isFloat = true;
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    String number = input.substring(start, pos);
    int end = pos;
    while (end < input.length() && (Character.isDigit(input.charAt(end)) || ".nsumhµdwy".indexOf(input.charAt(end)) >= 0)) {
      end++;
    }
    if (end > pos && Durations.isDuration(input.substring(start, end))) {
      String text = input.substring(start, end);
      pos = end;
      return new Token(TokenKind.DURATION, Long.toString(Durations.parse(text).toNanos()), line, col);
    }
    if (!isFloat) {
      try {
        Long.parseLong(number);
      } catch (NumberFormatException e) {
        throw error("strconv.Atoi: parsing " + GoStrings.quote(number) + ": value out of range", col);
      }
    }
    return new Token(isFloat ? TokenKind.FLOAT : TokenKind.INTEGER, number, line, col);
  }

  private String string(char quote, int col) {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (quote == '`') {
        out.append(c);
        continue;
      }
      if (c == '\n') {
        break;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      try {
        pos = GoStrings.unescape(input, pos, out);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage(), col);
      }
    }
    throw error("literal not terminated", col);
  }

  private Token attribute() {
    int col = column();
    StringBuilder name = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '"') {
        pos++;
        boolean closed = false;
        while (pos < input.length()) {
          char q = input.charAt(pos++);
          if (q == '"') {
            closed = true;
            break;
          }
          if (q == '\\') {
            if (pos < input.length() && (input.charAt(pos) == '"' || input.charAt(pos) == '\\')) {
              name.append(input.charAt(pos++));
              continue;
            }
            throw error("invalid escape sequence", col);
          }
          name.append(q);
        }
        if (!closed) {
          throw error("unexpected EOF, expecting \"", col);
        }
      } else if (isAttributeChar(c)) {
        name.append(c);
        pos++;
      } else {
        break;
      }
    }
    return new Token(TokenKind.ATTRIBUTE, name.toString(), line, col);
  }

  /** Whether {@code c} can be part of an attribute name outside quotes. */
  static boolean isAttributeChar(char c) {
    return !Character.isWhitespace(c) && "{}()=~!<>&|^,".indexOf(c) < 0;
  }
}
