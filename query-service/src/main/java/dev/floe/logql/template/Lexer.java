package dev.floe.logql.template;

import dev.floe.logql.template.Token.Kind;
import dev.floe.lang.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a template into tokens as Go's text/template lexer does, applying trim markers and comments. */
final class Lexer {
  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Set<String> KEYWORDS =
      Set.of("block", "break", "continue", "define", "else", "end", "if", "range", "template", "with");

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int parenDepth;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> lex(String input) {
    Lexer lexer = new Lexer(input);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    boolean trimNextText = false;
    while (pos < input.length()) {
      int left = input.indexOf(LEFT, pos);
      int textEnd = left < 0 ? input.length() : left;
      boolean trimLeft = left >= 0 && hasLeftTrim(left + LEFT.length());
      String text = input.substring(pos, textEnd);
      if (trimNextText) {
        text = stripLeading(text);
      }
      if (trimLeft) {
        text = stripTrailing(text);
      }
      if (!text.isEmpty()) {
        tokens.add(new Token(Kind.TEXT, text, pos, false));
      }
      if (left < 0) {
        pos = input.length();
        break;
      }
      pos = left + LEFT.length() + (trimLeft ? 2 : 0);
      trimNextText = action(left);
    }
    tokens.add(new Token(Kind.EOF, "", input.length(), false));
  }

  private boolean hasLeftTrim(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  /** Lexes one action starting after its left delimiter; returns whether it ended with a trim marker. */
  private boolean action(int start) {
    if (input.startsWith("/*", pos)) {
      return comment(pos, start);
    }
    tokens.add(new Token(Kind.LEFT_DELIM, LEFT, start, false));
    parenDepth = 0;
    boolean space = false;
    while (true) {
      if (pos >= input.length()) {
        throw error(start, "unclosed action");
      }
      char c = input.charAt(pos);
      if (isSpace(c)) {
        int spaceStart = pos;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
          pos++;
        }
        if (input.startsWith("-" + RIGHT, pos)) {
          closeAction(spaceStart);
          pos += 1 + RIGHT.length();
          return true;
        }
        space = true;
        continue;
      }
      if (input.startsWith(RIGHT, pos)) {
        closeAction(pos);
        pos += RIGHT.length();
        return false;
      }
      item(c, space);
      space = false;
    }
  }

  private void closeAction(int at) {
    if (parenDepth > 0) {
      throw error(at, "unclosed left paren");
    }
    tokens.add(new Token(Kind.RIGHT_DELIM, RIGHT, at, false));
  }

  private boolean comment(int commentStart, int actionStart) {
    int end = input.indexOf("*/", commentStart + 2);
    if (end < 0) {
      throw error(actionStart, "unclosed comment");
    }
    pos = end + 2;
    if (input.startsWith(RIGHT, pos)) {
      pos += RIGHT.length();
      return false;
    }
    if (pos < input.length() && isSpace(input.charAt(pos)) && input.startsWith("-" + RIGHT, pos + 1)) {
      pos += 1 + 1 + RIGHT.length();
      return true;
    }
    throw error(actionStart, "comment ends before closing delimiter");
  }

  private void item(char c, boolean space) {
    int start = pos;
    switch (c) {
      case '|' -> add(Kind.PIPE, start, ++pos, space);
      case '(' -> {
        parenDepth++;
        add(Kind.LEFT_PAREN, start, ++pos, space);
      }
      case ')' -> {
        if (--parenDepth < 0) {
          throw error(start, "unexpected right paren");
        }
        add(Kind.RIGHT_PAREN, start, ++pos, space);
      }
      case ',' -> add(Kind.COMMA, start, ++pos, space);
      case '=' -> add(Kind.ASSIGN, start, ++pos, space);
      case ':' -> {
        if (!input.startsWith(":=", pos)) {
          throw error(start, "expected :=");
        }
        pos += 2;
        add(Kind.DECLARE, start, pos, space);
      }
      case '"' -> quoted(start, '"', Kind.STRING, space);
      case '\'' -> quoted(start, '\'', Kind.CHAR, space);
      case '`' -> {
        int end = input.indexOf('`', pos + 1);
        if (end < 0) {
          throw error(start, "unterminated raw quoted string");
        }
        pos = end + 1;
        add(Kind.RAW_STRING, start, pos, space);
      }
      case '$' -> {
        pos++;
        alphanumerics();
        add(Kind.VARIABLE, start, pos, space);
      }
      case '.' -> {
        if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
          number(start, space);
        } else if (pos + 1 < input.length() && isAlphanumeric(input.charAt(pos + 1))) {
          pos++;
          alphanumerics();
          add(Kind.FIELD, start, pos, space);
        } else {
          add(Kind.DOT, start, ++pos, space);
        }
      }
      default -> {
        if (Character.isDigit(c) || c == '+' || c == '-') {
          number(start, space);
        } else if (isAlphanumeric(c)) {
          alphanumerics();
          String word = input.substring(start, pos);
          Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD
              : word.equals("true") || word.equals("false") ? Kind.BOOL
              : word.equals("nil") ? Kind.NIL
              : Kind.IDENTIFIER;
          add(kind, start, pos, space);
        } else {
          throw error(start, String.format("unrecognized character in action: U+%04X '%c'", (int) c, c));
        }
      }
    }
  }

  private void quoted(int start, char quote, Kind kind, boolean space) {
    pos++;
    while (true) {
      if (pos >= input.length() || input.charAt(pos) == '\n') {
        throw error(start, kind == Kind.CHAR ? "unterminated character constant" : "unterminated quoted string");
      }
      char c = input.charAt(pos++);
      if (c == '\\') {
        pos++;
      } else if (c == quote) {
        break;
      }
    }
    add(kind, start, pos, space);
  }

  private void number(int start, boolean space) {
    if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
      pos++;
    }
    String digits = "0123456789_";
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      digits = "0123456789abcdefABCDEF_";
    } else if (input.startsWith("0o", pos) || input.startsWith("0O", pos)) {
      pos += 2;
      digits = "01234567_";
    } else if (input.startsWith("0b", pos) || input.startsWith("0B", pos)) {
      pos += 2;
      digits = "01_";
    }
    accept(digits);
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      accept(digits);
    }
    String exponent = digits.length() == 11 ? "eE" : digits.contains("f") ? "pP" : "";
    if (!exponent.isEmpty() && pos < input.length() && exponent.indexOf(input.charAt(pos)) >= 0) {
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      accept("0123456789_");
    }
    if (pos < input.length() && isAlphanumeric(input.charAt(pos))) {
      pos++;
      throw error(start, "bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
    }
    add(Kind.NUMBER, start, pos, space);
  }

  private void accept(String chars) {
    while (pos < input.length() && chars.indexOf(input.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void alphanumerics() {
    while (pos < input.length() && isAlphanumeric(input.charAt(pos))) {
      pos++;
    }
  }

  private void add(Kind kind, int start, int end, boolean space) {
    tokens.add(new Token(kind, input.substring(start, end), start, space));
  }

  private IllegalArgumentException error(int at, String message) {
    return Parser.error(input, at, message);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  static boolean isAlphanumeric(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }
}
