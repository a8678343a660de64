package dev.floe.logql.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go (RE2) regular expression on java.util.regex: named groups may use {@code (?P<name>)} and underscores,
 * {@code $} ends the text as in Go, and matching all skips empty matches right after a match, as Go does.
 * Compiled patterns are cached because templates pass them as arguments on every line.
 */
final class GoRegex {
  private static final int CACHE_LIMIT = 512;
  private static final Map<String, GoRegex> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
      Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
      Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
      Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
      Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
      Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

  private final Pattern pattern;
  private final List<String> groupNames;

  private GoRegex(Pattern pattern, List<String> groupNames) {
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  static GoRegex compile(String regex) {
    GoRegex cached = CACHE.get(regex);
    if (cached != null) {
      return cached;
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    GoRegex compiled = translate(regex);
    CACHE.put(regex, compiled);
    return compiled;
  }

  /** Rewrites RE2 syntax Java reads differently; group names are kept aside, by group number. */
  private static GoRegex translate(String regex) {
    StringBuilder java = new StringBuilder();
    List<String> names = new ArrayList<>();
    names.add("");
    boolean multiline = false;
    boolean inClass = false;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        java.append(regex, i, i + 2);
        i += 2;
      } else if (inClass) {
        if (regex.startsWith("[:", i) && regex.indexOf(":]", i + 2) > 0) {
          int end = regex.indexOf(":]", i + 2);
          String name = regex.substring(i + 2, end);
          boolean negated = name.startsWith("^");
          String cls = POSIX_CLASSES.get(negated ? name.substring(1) : name);
          if (cls != null) {
            java.append(negated ? cls.replace("\\p", "\\P").replace("\\s", "\\S").replace("\\w", "\\W") : cls);
            i = end + 2;
            continue;
          }
        }
        if (c == ']') {
          inClass = false;
        } else if (c == '[') {
          java.append('\\');
        }
        java.append(c);
        i++;
      } else if (c == '[') {
        inClass = true;
        java.append(c);
        i++;
        if (i < regex.length() && regex.charAt(i) == '^') {
          java.append('^');
          i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
          java.append("\\]");
          i++;
        }
      } else if (c == '(') {
        String rest = regex.substring(i);
        if (rest.startsWith("(?P<") || (rest.startsWith("(?<") && !rest.startsWith("(?<=") && !rest.startsWith("(?<!"))) {
          int nameStart = i + (rest.startsWith("(?P<") ? 4 : 3);
          int close = regex.indexOf('>', nameStart);
          if (close < 0) {
            throw new IllegalArgumentException("error parsing regexp: invalid named capture: `" + rest + "`");
          }
          names.add(regex.substring(nameStart, close));
          java.append('(');
          i = close + 1;
        } else {
          if (!rest.startsWith("(?")) {
            names.add("");
          } else if (rest.matches("(?s)\\(\\?[a-zA-Z]*m[a-zA-Z-]*[):].*")) {
            multiline = true;
          }
          java.append(c);
          i++;
        }
      } else if (c == '$' && !multiline) {
        java.append("\\z");
        i++;
      } else {
        java.append(c);
        i++;
      }
    }
    try {
      return new GoRegex(Pattern.compile(java.toString()), List.copyOf(names));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
    }
  }

  /** Go's {@code FindAllStringIndex} count. */
  int count(String s) {
    int[] count = {0};
    forEachMatch(s, m -> count[0]++);
    return count[0];
  }

  /** Go's {@code ReplaceAllString} (with $1 and ${name} expansion) or {@code ReplaceAllLiteralString}. */
  String replaceAll(String s, String replacement, boolean literal) {
    StringBuilder out = new StringBuilder();
    int[] copied = {0};
    forEachMatch(s, m -> {
      out.append(s, copied[0], m.start());
      if (literal) {
        out.append(replacement);
      } else {
        expand(out, replacement, m);
      }
      copied[0] = m.end();
    });
    return out.append(s, copied[0], s.length()).toString();
  }

  private void forEachMatch(String s, java.util.function.Consumer<Matcher> action) {
    Matcher m = pattern.matcher(s);
    int previousEnd = -1;
    int from = 0;
    while (from <= s.length() && m.find(from)) {
      boolean emptyAfterMatch = m.start() == m.end() && m.start() == previousEnd;
      if (!emptyAfterMatch) {
        action.accept(m);
        previousEnd = m.end();
      }
      from = m.end() > m.start() ? m.end() : m.end() + (m.end() < s.length() ? Character.charCount(s.codePointAt(m.end())) : 1);
    }
  }

  /** Go's {@code Regexp.Expand}: {@code $1}, {@code $name}, {@code ${name}} and {@code $$}. */
  private void expand(StringBuilder out, String template, Matcher m) {
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int next;
      if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? "" : template.substring(i + 2, close);
        next = close + 1;
        if (!name.chars().allMatch(ch -> ch == '_' || Character.isLetterOrDigit(ch))) {
          name = "";
        }
      } else {
        int j = i + 1;
        while (j < template.length() && (template.charAt(j) == '_' || Character.isLetterOrDigit(template.charAt(j)))) {
          j++;
        }
        name = template.substring(i + 1, j);
        next = j;
      }
      if (name.isEmpty()) {
        out.append('$');
        i++;
        continue;
      }
      String group = group(m, name);
      if (group != null) {
        out.append(group);
      }
      i = next;
    }
  }

  private String group(Matcher m, String name) {
    if (name.chars().allMatch(Character::isDigit)) {
      if (name.length() > 8) {
        return null;
      }
      int n = Integer.parseInt(name);
      return n <= m.groupCount() ? m.group(n) : null;
    }
    int n = groupNames.indexOf(name);
    return n > 0 ? m.group(n) : null;
  }
}
