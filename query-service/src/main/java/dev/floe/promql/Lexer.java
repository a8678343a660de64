package dev.floe.promql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL query into tokens.
 *
 * <p>Keywords are left as identifiers because most of them are also valid label names; the parser
 * decides by context. {@code Inf} and {@code NaN} become numbers only outside braces, where they
 * cannot be label names.
 */
final class Lexer {
  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int braceDepth;

  private Lexer(String input) {
    this.input = input;
  }

  /** Lexes the whole query, ending with an {@link TokenType#EOF} token. */
  static List<Token> lex(String input) {
    Lexer lexer = new Lexer(input);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= input.length()) {
        tokens.add(new Token(TokenType.EOF, "", pos));
        return;
      }
      lexOne();
    }
  }

  private void skipSpaceAndComments() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '#') {
        while (pos < input.length() && input.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void lexOne() {
    int start = pos;
    char c = input.charAt(pos);
    char next = pos + 1 < input.length() ? input.charAt(pos + 1) : 0;
    switch (c) {
      case '(' -> single(TokenType.LEFT_PAREN);
      case ')' -> single(TokenType.RIGHT_PAREN);
      case '{' -> {
        braceDepth++;
        single(TokenType.LEFT_BRACE);
      }
      case '}' -> {
        braceDepth = Math.max(0, braceDepth - 1);
        single(TokenType.RIGHT_BRACE);
      }
      case '[' -> single(TokenType.LEFT_BRACKET);
      case ']' -> single(TokenType.RIGHT_BRACKET);
      case ',' -> single(TokenType.COMMA);
      case ':' -> single(TokenType.COLON);
      case '@' -> single(TokenType.AT);
      case '+' -> single(TokenType.ADD);
      case '-' -> single(TokenType.SUB);
      case '*' -> single(TokenType.MUL);
      case '/' -> single(TokenType.DIV);
      case '%' -> single(TokenType.MOD);
      case '^' -> single(TokenType.POW);
      case '=' -> {
        if (next == '=') {
          pair(TokenType.EQLC);
        } else if (next == '~') {
          pair(TokenType.EQL_REGEX);
        } else {
          single(TokenType.EQL);
        }
      }
      case '!' -> {
        if (next == '=') {
          pair(TokenType.NEQ);
        } else if (next == '~') {
          pair(TokenType.NEQ_REGEX);
        } else {
          throw error(start, "unexpected character after '!': " + describeChar(next));
        }
      }
      case '<' -> {
        if (next == '=') {
          pair(TokenType.LTE);
        } else if (next == '/') {
          pair(TokenType.TRIM_UPPER);
        } else {
          single(TokenType.LSS);
        }
      }
      case '>' -> {
        if (next == '=') {
          pair(TokenType.GTE);
        } else if (next == '/') {
          pair(TokenType.TRIM_LOWER);
        } else {
          single(TokenType.GTR);
        }
      }
      case '"', '\'' -> lexQuoted(c);
      case '`' -> lexRaw();
      default -> {
        if (isDigit(c) || (c == '.' && isDigit(next))) {
          lexNumberOrDuration();
        } else if (isIdentifierStart(c)) {
          lexIdentifier();
        } else {
          throw error(start, "unexpected character: " + describeChar(c));
        }
      }
    }
  }

  private void single(TokenType type) {
    tokens.add(new Token(type, input.substring(pos, pos + 1), pos));
    pos++;
  }

  private void pair(TokenType type) {
    tokens.add(new Token(type, input.substring(pos, pos + 2), pos));
    pos += 2;
  }

  private void lexIdentifier() {
    int start = pos;
    boolean colon = false;
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == ':') {
        colon = true;
      } else if (!isIdentifierPart(c)) {
        break;
      }
      pos++;
    }
    String text = input.substring(start, pos);
    if (braceDepth == 0 && (text.equalsIgnoreCase("inf") || text.equalsIgnoreCase("nan"))) {
      tokens.add(new Token(TokenType.NUMBER, text, start));
    } else {
      tokens.add(new Token(colon ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER, text, start));
    }
  }

  private void lexNumberOrDuration() {
    int start = pos;
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      int digits = pos;
      while (pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == digits) {
        throw error(start, "bad number or duration syntax: \"" + input.substring(start, pos) + "\"");
      }
      finishNumber(start);
      return;
    }
    skipDigits();
    if (pos < input.length() && isDurationUnitStart(input.charAt(pos))) {
      lexDurationRest(start);
      return;
    }
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      skipDigits();
    }
    if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < input.length() && isDigit(input.charAt(pos))) {
        skipDigits();
      } else {
        pos = mark;
      }
    }
    finishNumber(start);
  }

  private void finishNumber(int start) {
    if (pos < input.length() && isIdentifierPart(input.charAt(pos))) {
      throw error(start, "bad number or duration syntax: \"" + input.substring(start, pos + 1) + "\"");
    }
    tokens.add(new Token(TokenType.NUMBER, input.substring(start, pos), start));
  }

  /** A duration is one or more integer-unit pairs, such as {@code 1h30m}. */
  private void lexDurationRest(int start) {
    while (true) {
      if (!skipDurationUnit()) {
        throw error(start, "bad number or duration syntax: \"" + input.substring(start, Math.min(pos + 1, input.length())) + "\"");
      }
      if (pos < input.length() && isDigit(input.charAt(pos))) {
        skipDigits();
        continue;
      }
      break;
    }
    if (pos < input.length() && isIdentifierPart(input.charAt(pos))) {
      throw error(start, "bad number or duration syntax: \"" + input.substring(start, pos + 1) + "\"");
    }
    tokens.add(new Token(TokenType.DURATION, input.substring(start, pos), start));
  }

  private boolean skipDurationUnit() {
    if (input.startsWith("ms", pos)) {
      pos += 2;
      return true;
    }
    if (pos < input.length() && "smhdwy".indexOf(input.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private void lexQuoted(char quote) {
    int start = pos;
    pos++;
    Unescaped value = new Unescaped();
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        throw error(start, "unterminated quoted string");
      }
      char c = input.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (c == '\\') {
        pos++;
        readEscape(quote, value, start);
      } else {
        value.append(c);
        pos++;
      }
    }
    tokens.add(new Token(TokenType.STRING, value.toString(), start));
  }

  private void readEscape(char quote, Unescaped value, int start) {
    if (pos >= input.length()) {
      throw error(start, "unterminated quoted string");
    }
    char c = input.charAt(pos++);
    switch (c) {
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case 'v' -> value.append('\u000b');
      case '\\' -> value.append('\\');
      case 'x' -> value.appendByte(hexDigits(2, start));
      case 'u' -> value.appendCodePoint(hexDigits(4, start));
      case 'U' -> value.appendCodePoint(hexDigits(8, start));
      default -> {
        if (c == quote) {
          value.append(c);
        } else if (c >= '0' && c <= '7') {
          pos--;
          value.appendByte(octalDigits(start));
        } else {
          throw error(pos - 2, "unknown escape sequence " + describeChar(c));
        }
      }
    }
  }

  private int hexDigits(int count, int start) {
    if (pos + count > input.length()) {
      throw error(start, "unterminated quoted string");
    }
    int value = 0;
    for (int i = 0; i < count; i++) {
      int digit = Character.digit(input.charAt(pos + i), 16);
      if (digit < 0) {
        throw error(pos + i, "illegal character in escape sequence");
      }
      value = value * 16 + digit;
    }
    pos += count;
    if (value > Character.MAX_CODE_POINT) {
      throw error(pos - count, "escape sequence is invalid Unicode code point");
    }
    return value;
  }

  private int octalDigits(int start) {
    if (pos + 3 > input.length()) {
      throw error(start, "unterminated quoted string");
    }
    String digits = input.substring(pos, pos + 3);
    if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
      throw error(pos, "illegal character in escape sequence");
    }
    pos += 3;
    return Integer.parseInt(digits, 8);
  }

  private void lexRaw() {
    int start = pos;
    int end = input.indexOf('`', pos + 1);
    if (end < 0) {
      throw error(start, "unterminated raw string");
    }
    tokens.add(new Token(TokenType.STRING, input.substring(pos + 1, end), start));
    pos = end + 1;
  }

  private void skipDigits() {
    while (pos < input.length() && isDigit(input.charAt(pos))) {
      pos++;
    }
  }

  private PromqlParseException error(int at, String message) {
    return new PromqlParseException(input, at, message);
  }

  private static String describeChar(char c) {
    return c == 0 ? "end of input" : "'" + c + "'";
  }

  private static boolean isDurationUnitStart(char c) {
    return "smhdwy".indexOf(c) >= 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }

  /**
   * A string literal's value. Byte escapes ({@code \xNN}, octal) form UTF-8 as in Go; a byte that is
   * not part of valid UTF-8 is kept as the lone surrogate U+DC00 + byte, so that it stays visible as
   * invalid rather than turning into another character.
   */
  private static final class Unescaped {
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    void append(char c) {
      flush();
      text.append(c);
    }

    void appendCodePoint(int codePoint) {
      flush();
      text.appendCodePoint(codePoint);
    }

    void appendByte(int b) {
      bytes.write(b);
    }

    @Override
    public String toString() {
      flush();
      return text.toString();
    }

    private void flush() {
      byte[] pending = bytes.toByteArray();
      bytes.reset();
      int i = 0;
      while (i < pending.length) {
        int length = sequenceLength(pending, i);
        if (length == 0) {
          text.append((char) (0xDC00 | (pending[i] & 0xff)));
          i++;
        } else {
          text.append(new String(pending, i, length, java.nio.charset.StandardCharsets.UTF_8));
          i += length;
        }
      }
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or 0. */
    private static int sequenceLength(byte[] b, int i) {
      int first = b[i] & 0xff;
      int length = first < 0x80 ? 1 : first >= 0xC2 && first < 0xE0 ? 2 : first >= 0xE0 && first < 0xF0 ? 3
          : first >= 0xF0 && first < 0xF5 ? 4 : 0;
      if (length == 0 || i + length > b.length) {
        return 0;
      }
      int codePoint = length == 1 ? first : first & (0xFF >> (length + 1));
      for (int k = 1; k < length; k++) {
        int next = b[i + k] & 0xff;
        if ((next & 0xC0) != 0x80) {
          return 0;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      boolean overlong = length == 3 && codePoint < 0x800 || length == 4 && codePoint < 0x10000;
      boolean invalid = codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF;
      return overlong || invalid ? 0 : length;
    }
  }
}
