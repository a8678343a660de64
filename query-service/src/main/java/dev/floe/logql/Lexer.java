package dev.floe.logql;

import dev.floe.lang.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a LogQL query into tokens, each with its 1-based line and column. */
final class Lexer {
  // humanize.ParseBytes, which Loki uses for byte label filters, takes SI and IEC units in any case.
  private static final Pattern BYTES = Pattern.compile("(?i)\\d+(\\.\\d+)?([kmgtpe]i?)?b");

  private final String input;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> tokenize(String input) {
    Lexer lexer = new Lexer(input);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (!token.is(TokenKind.EOF));
    return tokens;
  }

  private Token next() {
    skipSpaceAndComments();
    int startLine = line;
    int startColumn = pos - lineStart + 1;
    if (pos >= input.length()) {
      return new Token(TokenKind.EOF, "", startLine, startColumn);
    }
    char c = input.charAt(pos);
    if (c == '"' || c == '`') {
      return new Token(TokenKind.STRING, readString(c, startColumn), startLine, startColumn);
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
      return readNumeric(startLine, startColumn);
    }
    if (isIdentifierStart(c)) {
      int start = pos;
      while (pos < input.length() && isIdentifierPart(input.charAt(pos))) {
        pos++;
      }
      String word = input.substring(start, pos);
      TokenKind kind = word.equals("NaN") || word.equals("Inf") ? TokenKind.NUMBER : TokenKind.IDENTIFIER;
      return new Token(kind, word, startLine, startColumn);
    }
    if (c == '[') {
      return readRange(startLine, startColumn);
    }
    if (c == '-' && input.startsWith("--", pos) && pos + 2 < input.length() && isIdentifierStart(input.charAt(pos + 2))) {
      int start = pos;
      pos += 2;
      while (pos < input.length() && (isIdentifierPart(input.charAt(pos)) || input.charAt(pos) == '-')) {
        pos++;
      }
      return new Token(TokenKind.PARSER_FLAG, input.substring(start, pos), startLine, startColumn);
    }
    TokenKind kind = operator();
    if (kind == null) {
      throw new LogqlParseException("syntax error: unexpected character '" + c + "'", startLine, startColumn);
    }
    return new Token(kind, input.substring(pos - width(kind), pos), startLine, startColumn);
  }

  private TokenKind operator() {
    char c = input.charAt(pos);
    char n = pos + 1 < input.length() ? input.charAt(pos + 1) : '\0';
    TokenKind two = twoCharOperator(c, n);
    if (two != null) {
      pos += 2;
      return two;
    }
    TokenKind one = oneCharOperator(c);
    if (one != null) {
      pos++;
    }
    return one;
  }

  private static TokenKind twoCharOperator(char c, char n) {
    switch ("" + c + n) {
      case "|=":
        return TokenKind.PIPE_EXACT;
      case "|~":
        return TokenKind.PIPE_MATCH;
      case "|>":
        return TokenKind.PIPE_PATTERN;
      case "!=":
        return TokenKind.NEQ;
      case "!~":
        return TokenKind.NRE;
      case "!>":
        return TokenKind.NPA;
      case "=~":
        return TokenKind.RE;
      case "==":
        return TokenKind.CMP_EQ;
      case ">=":
        return TokenKind.GTE;
      case "<=":
        return TokenKind.LTE;
      default:
        return null;
    }
  }

  private static TokenKind oneCharOperator(char c) {
    switch (c) {
      case '{':
        return TokenKind.OPEN_BRACE;
      case '}':
        return TokenKind.CLOSE_BRACE;
      case '(':
        return TokenKind.OPEN_PARENTHESIS;
      case ')':
        return TokenKind.CLOSE_PARENTHESIS;
      case ',':
        return TokenKind.COMMA;
      case '|':
        return TokenKind.PIPE;
      case '=':
        return TokenKind.EQ;
      case '>':
        return TokenKind.GT;
      case '<':
        return TokenKind.LT;
      case '+':
        return TokenKind.ADD;
      case '-':
        return TokenKind.SUB;
      case '*':
        return TokenKind.MUL;
      case '/':
        return TokenKind.DIV;
      case '%':
        return TokenKind.MOD;
      case '^':
        return TokenKind.POW;
      default:
        return null;
    }
  }

  private static int width(TokenKind kind) {
    switch (kind) {
      case PIPE_EXACT:
      case PIPE_MATCH:
      case PIPE_PATTERN:
      case NEQ:
      case NRE:
      case NPA:
      case RE:
      case CMP_EQ:
      case GTE:
      case LTE:
        return 2;
      default:
        return 1;
    }
  }

  private void skipSpaceAndComments() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '\n') {
        pos++;
        line++;
        lineStart = pos;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < input.length() && input.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private String readString(char quote, int startColumn) {
    int startLine = line;
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\n') {
        line++;
        lineStart = pos;
      }
      if (c == '\\' && quote == '"') {
        value.append(readEscape(startLine, startColumn));
      } else {
        value.append(c);
      }
    }
    throw new LogqlParseException("literal not terminated", startLine, startColumn);
  }

  private String readEscape(int startLine, int startColumn) {
    if (pos >= input.length()) {
      throw new LogqlParseException("literal not terminated", startLine, startColumn);
    }
    char c = input.charAt(pos++);
    switch (c) {
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case 'a':
        return "\u0007";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case 'v':
        return "\u000b";
      case '\\':
      case '"':
      case '\'':
        return String.valueOf(c);
      case 'x':
        return hexEscape(2, startLine, startColumn);
      case 'u':
        return hexEscape(4, startLine, startColumn);
      case 'U':
        return hexEscape(8, startLine, startColumn);
      default:
        throw new LogqlParseException("invalid syntax: unknown escape sequence \\" + c, startLine, startColumn);
    }
  }

  private String hexEscape(int digits, int startLine, int startColumn) {
    if (pos + digits > input.length()) {
      throw new LogqlParseException("invalid syntax: short escape sequence", startLine, startColumn);
    }
    try {
      int codePoint = Integer.parseUnsignedInt(input.substring(pos, pos + digits), 16);
      pos += digits;
      return new String(Character.toChars(codePoint));
    } catch (IllegalArgumentException e) {
      throw new LogqlParseException("invalid syntax: bad escape sequence", startLine, startColumn);
    }
  }

  private Token readNumeric(int startLine, int startColumn) {
    int start = pos;
    skipDigits();
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      skipDigits();
    }
    if (hasExponent()) {
      pos++;
      if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
        pos++;
      }
      skipDigits();
      return new Token(TokenKind.NUMBER, input.substring(start, pos), startLine, startColumn);
    }
    if (pos < input.length() && (Character.isLetter(input.charAt(pos)))) {
      // A unit makes a duration (5m, 1h30m) or a byte size (20MB); digits may follow a unit in a duration.
      while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '.')) {
        pos++;
      }
      String text = input.substring(start, pos);
      if (Durations.isDuration(text)) {
        return new Token(TokenKind.DURATION, text, startLine, startColumn);
      }
      if (BYTES.matcher(text).matches()) {
        return new Token(TokenKind.BYTES, text, startLine, startColumn);
      }
      throw new LogqlParseException("syntax error: invalid duration or size " + text, startLine, startColumn);
    }
    return new Token(TokenKind.NUMBER, input.substring(start, pos), startLine, startColumn);
  }

  private boolean hasExponent() {
    if (pos >= input.length() || (input.charAt(pos) != 'e' && input.charAt(pos) != 'E')) {
      return false;
    }
    int digit = pos + 1;
    if (digit < input.length() && (input.charAt(digit) == '+' || input.charAt(digit) == '-')) {
      digit++;
    }
    return digit < input.length() && Character.isDigit(input.charAt(digit));
  }

  private void skipDigits() {
    while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
      pos++;
    }
  }

  private Token readRange(int startLine, int startColumn) {
    int close = input.indexOf(']', pos);
    if (close < 0) {
      throw new LogqlParseException("syntax error: unclosed range", startLine, startColumn);
    }
    String text = input.substring(pos + 1, close).trim();
    if (!Durations.isDuration(text)) {
      throw new LogqlParseException("syntax error: invalid range [" + text + "]", startLine, startColumn);
    }
    pos = close + 1;
    return new Token(TokenKind.RANGE, text, startLine, startColumn);
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
