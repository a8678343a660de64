package dev.floe.logql.pipeline;

/** Decodes JSON string escapes, which both JSON lines and logfmt's quoted values use. */
final class JsonEscapes {
  private JsonEscapes() {}

  /**
   * Appends {@code text[start, end)} to {@code out} with its escapes decoded.
   *
   * @return false when an escape is invalid
   */
  static boolean unescape(String text, int start, int end, StringBuilder out) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= end) {
        return false;
      }
      char e = text.charAt(i);
      switch (e) {
        case '"': case '\\': case '/':
          out.append(e);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          if (i + 4 >= end) {
            return false;
          }
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(text.charAt(i + k), 16);
            if (digit < 0) {
              return false;
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
          i += 4;
          break;
        default:
          return false;
      }
    }
    return true;
  }
}
