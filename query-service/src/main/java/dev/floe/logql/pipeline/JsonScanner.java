package dev.floe.logql.pipeline;

/**
 * A forward-only reader over one JSON text, without building a tree: the json and unpack parsers visit
 * the members they need and skip the rest. Its leniency and its error messages follow the Go
 * {@code jsonparser} library that Loki uses, since those messages become {@code __error_details__}.
 */
final class JsonScanner {
  static final String MALFORMED_JSON = "Malformed JSON error";
  static final String MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol";
  static final String MALFORMED_ARRAY = "Value is array, but can't find closing ']' symbol";
  static final String MALFORMED_STRING = "Value is string, but can't find closing '\"' symbol";
  static final String MALFORMED_ESCAPE = "Encountered an invalid escape sequence in a string";
  static final String MALFORMED_VALUE =
      "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol";
  static final String UNKNOWN_VALUE = "Unknown value type";

  /** The kinds of JSON values. */
  enum Kind { STRING, NUMBER, OBJECT, ARRAY, BOOLEAN, NULL }

  /** Malformed JSON; carries no stack trace since a bad line is an ordinary event. */
  static final class JsonException extends Exception {
    JsonException(String message) {
      super(message, null, false, false);
    }
  }

  private String text;
  private int pos;
  private final StringBuilder buffer = new StringBuilder();
  private final KeyTable keys = new KeyTable();

  void reset(String text) {
    this.text = text;
    this.pos = 0;
  }

  int position() {
    return pos;
  }

  /** The character at the next token, or -1 at the end of the text. */
  int peek() {
    skipWhitespace();
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  /** The kind of the value at the next token. */
  Kind kind() throws JsonException {
    switch (peek()) {
      case '"':
        return Kind.STRING;
      case '{':
        return Kind.OBJECT;
      case '[':
        return Kind.ARRAY;
      case 't':
      case 'f':
        return Kind.BOOLEAN;
      case 'n':
        return Kind.NULL;
      case '-':
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return Kind.NUMBER;
      default:
        throw new JsonException(UNKNOWN_VALUE);
    }
  }

  /** Consumes {@code {}; call {@link #nextMember} until it returns null. */
  void beginObject() throws JsonException {
    if (peek() != '{') {
      throw new JsonException(MALFORMED_OBJECT);
    }
    pos++;
  }

  /**
   * The next member's key, leaving the scanner at its value, or null after the closing brace. Skips the
   * comma before every member but the first, which {@code first} tells.
   */
  String nextMember(boolean first) throws JsonException {
    int c = peek();
    if (c == '}') {
      pos++;
      return null;
    }
    if (!first) {
      if (c != ',') {
        throw new JsonException(MALFORMED_OBJECT);
      }
      pos++;
      c = peek();
    }
    if (c != '"') {
      throw new JsonException(c < 0 ? MALFORMED_OBJECT : MALFORMED_JSON);
    }
    String key = readString(true);
    if (peek() != ':') {
      throw new JsonException(MALFORMED_JSON);
    }
    pos++;
    return key;
  }

  /** Consumes {@code [}; call {@link #nextElement} before each element. */
  void beginArray() throws JsonException {
    if (peek() != '[') {
      throw new JsonException(MALFORMED_ARRAY);
    }
    pos++;
  }

  /** Whether another element follows, leaving the scanner at it; consumes the closing bracket otherwise. */
  boolean nextElement(boolean first) throws JsonException {
    int c = peek();
    if (c == ']') {
      pos++;
      return false;
    }
    if (!first) {
      if (c != ',') {
        throw new JsonException(MALFORMED_ARRAY);
      }
      pos++;
    }
    if (peek() < 0) {
      throw new JsonException(MALFORMED_ARRAY);
    }
    return true;
  }

  /** The string value at the scanner, unescaped; a bad escape in a value reads as the empty string, as in Loki. */
  String readString() throws JsonException {
    return readString(false);
  }

  /** Reads a string; keys ({@code strictEscapes}) are interned and fail on bad escapes. */
  private String readString(boolean strictEscapes) throws JsonException {
    int start = ++pos;
    int end = start;
    boolean escaped = false;
    while (true) {
      if (end >= text.length()) {
        throw new JsonException(MALFORMED_STRING);
      }
      char c = text.charAt(end);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        escaped = true;
        end++;
      }
      end++;
    }
    pos = end + 1;
    if (!escaped) {
      return strictEscapes ? keys.key(text, start, end) : text.substring(start, end);
    }
    String unescaped = unescape(start, end);
    if (unescaped == null) {
      if (strictEscapes) {
        throw new JsonException(MALFORMED_ESCAPE);
      }
      return "";
    }
    return unescaped;
  }

  private String unescape(int start, int end) {
    buffer.setLength(0);
    return JsonEscapes.unescape(text, start, end, buffer) ? buffer.toString() : null;
  }

  /** The text of the number, boolean or null at the scanner. */
  String readLiteral(Kind kind) throws JsonException {
    int start = pos;
    int end = start;
    while (end < text.length() && !isTokenEnd(text.charAt(end))) {
      end++;
    }
    if (end == text.length()) {
      throw new JsonException(MALFORMED_VALUE);
    }
    pos = end;
    String literal = text.substring(start, end);
    if ((kind == Kind.BOOLEAN && !literal.equals("true") && !literal.equals("false"))
        || (kind == Kind.NULL && !literal.equals("null"))) {
      throw new JsonException(UNKNOWN_VALUE);
    }
    return literal;
  }

  /** Skips the value at the scanner and returns where it started, so callers can take its raw text. */
  int skipValue() throws JsonException {
    Kind kind = kind();
    int start = pos;
    switch (kind) {
      case STRING:
        readString();
        break;
      case OBJECT:
        beginObject();
        for (boolean first = true; nextMember(first) != null; first = false) {
          skipValue();
        }
        break;
      case ARRAY:
        beginArray();
        for (boolean first = true; nextElement(first); first = false) {
          skipValue();
        }
        break;
      default:
        readLiteral(kind);
    }
    return start;
  }

  /** The raw text from {@code start} to the scanner. */
  String textFrom(int start) {
    return text.substring(start, pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private static boolean isTokenEnd(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == '}' || c == ']';
  }
}
