package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;

/**
 * The {@code ip("...")} matcher of line and label filters: one address, a CIDR prefix or a range
 * {@code from-to}, IPv4 or IPv6, found anywhere in a text as Loki finds it (a run of address characters
 * starting where an address looks like it starts).
 */
final class IpMatcher {
  private static final String IPV4_CHARS = "0123456789.";
  private static final String IPV6_CHARS = "0123456789abcdefABCDEF:.";

  private final Address from;
  private final Address to;

  private IpMatcher(Address from, Address to) {
    this.from = from;
    this.to = to;
  }

  /**
   * Parses {@code pattern}.
   *
   * @throws LogqlParseException when it is neither an address, a prefix nor a range
   */
  static IpMatcher parse(String pattern) {
    Address single = Address.parse(pattern);
    if (single != null) {
      return new IpMatcher(single, single);
    }
    int slash = pattern.indexOf('/');
    if (slash > 0) {
      Address base = Address.parse(pattern.substring(0, slash));
      int bits = prefixBits(pattern.substring(slash + 1));
      if (base != null && bits >= 0 && bits <= base.bits()) {
        return new IpMatcher(base.masked(bits, false), base.masked(bits, true));
      }
    }
    int dash = pattern.indexOf('-');
    if (dash > 0) {
      Address low = Address.parse(pattern.substring(0, dash));
      Address high = Address.parse(pattern.substring(dash + 1));
      if (low != null && high != null && low.v6 == high.v6 && low.compareTo(high) <= 0) {
        return new IpMatcher(low, high);
      }
    }
    throw new LogqlParseException("ip: invalid pattern: \"" + pattern + "\"", 0, 0);
  }

  private static int prefixBits(String text) {
    if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }

  /** Whether {@code text} holds an address this matcher accepts. */
  boolean foundIn(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      String charset = null;
      if (i + 3 < n && ipv4Hint(text, i)) {
        charset = IPV4_CHARS;
      } else if (i + 4 < n && ipv6Hint(text, i)) {
        charset = IPV6_CHARS;
      }
      if (charset == null) {
        continue;
      }
      int end = i;
      while (end < n && charset.indexOf(text.charAt(end)) >= 0) {
        end++;
      }
      if (contains(Address.parse(text.substring(i, end)))) {
        return true;
      }
      i = end;
    }
    return false;
  }

  private boolean contains(Address address) {
    return address != null && address.v6 == from.v6 && from.compareTo(address) <= 0 && address.compareTo(to) <= 0;
  }

  private static boolean ipv4Hint(String s, int i) {
    return isDigit(s.charAt(i)) && (s.charAt(i + 1) == '.' || s.charAt(i + 2) == '.' || s.charAt(i + 3) == '.');
  }

  private static boolean ipv6Hint(String s, int i) {
    if (s.charAt(i) == ':' && s.charAt(i + 1) == ':' && isHex(s.charAt(i + 2))) {
      return true;
    }
    for (int digits = 1; digits <= 4; digits++) {
      if (!isHex(s.charAt(i + digits - 1))) {
        return false;
      }
      if (s.charAt(i + digits) == ':') {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** An IPv4 or IPv6 address as a 128-bit number; IPv4 uses the low 32 bits. */
  private record Address(boolean v6, long high, long low) implements Comparable<Address> {

    int bits() {
      return v6 ? 128 : 32;
    }

    /** This address with its bits after the first {@code prefix} all cleared, or all set. */
    Address masked(int prefix, boolean set) {
      int hostBits = bits() - prefix;
      long lowMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
      long highMask = hostBits <= 64 ? 0L : hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1;
      if (!v6) {
        lowMask &= 0xFFFF_FFFFL;
      }
      return set
          ? new Address(v6, high | highMask, low | lowMask)
          : new Address(v6, high & ~highMask, low & ~lowMask);
    }

    @Override
    public int compareTo(Address other) {
      int cmp = Long.compareUnsigned(high, other.high);
      return cmp != 0 ? cmp : Long.compareUnsigned(low, other.low);
    }

    /** The address {@code text} spells exactly as Go's {@code netip.ParseAddr} reads it, or null. */
    static Address parse(String text) {
      if (text.indexOf(':') >= 0) {
        return parseV6(text);
      }
      long v4 = parseV4(text);
      return v4 < 0 ? null : new Address(false, 0, v4);
    }

    private static long parseV4(String text) {
      long value = 0;
      int parts = 0;
      int i = 0;
      while (parts < 4) {
        int start = i;
        int part = 0;
        while (i < text.length() && isDigit(text.charAt(i)) && i - start < 3) {
          part = part * 10 + (text.charAt(i++) - '0');
        }
        if (i == start || part > 255 || (i - start > 1 && text.charAt(start) == '0')) {
          return -1;
        }
        value = (value << 8) | part;
        parts++;
        if (parts < 4) {
          if (i >= text.length() || text.charAt(i) != '.') {
            return -1;
          }
          i++;
        }
      }
      return i == text.length() ? value : -1;
    }

    private static Address parseV6(String text) {
      int zone = text.indexOf('%');
      if (zone >= 0) {
        if (zone == text.length() - 1) {
          return null;
        }
        text = text.substring(0, zone);
      }
      int[] groups = new int[8];
      int count = 0;
      int ellipsis = -1;
      int i = 0;
      if (text.startsWith("::")) {
        ellipsis = 0;
        i = 2;
        if (i == text.length()) {
          return new Address(true, 0, 0);
        }
      }
      while (i < text.length()) {
        int start = i;
        int group = 0;
        while (i < text.length() && isHex(text.charAt(i)) && i - start < 4) {
          group = group * 16 + Character.digit(text.charAt(i++), 16);
        }
        if (i < text.length() && text.charAt(i) == '.') {
          long v4 = parseV4(text.substring(start));
          if (v4 < 0 || count > 6) {
            return null;
          }
          groups[count++] = (int) (v4 >>> 16);
          groups[count++] = (int) (v4 & 0xFFFF);
          i = text.length();
          break;
        }
        if (i == start || count == 8) {
          return null;
        }
        groups[count++] = group;
        if (i == text.length()) {
          break;
        }
        if (text.charAt(i) != ':') {
          return null;
        }
        i++;
        if (i < text.length() && text.charAt(i) == ':') {
          if (ellipsis >= 0) {
            return null;
          }
          ellipsis = count;
          i++;
          if (i == text.length()) {
            break;
          }
        } else if (i == text.length()) {
          return null;
        }
      }
      if (ellipsis < 0 && count != 8 || ellipsis >= 0 && count == 8) {
        return null;
      }
      int[] full = new int[8];
      if (ellipsis < 0) {
        full = groups;
      } else {
        System.arraycopy(groups, 0, full, 0, ellipsis);
        int tail = count - ellipsis;
        System.arraycopy(groups, ellipsis, full, 8 - tail, tail);
      }
      long high = 0;
      long low = 0;
      for (int g = 0; g < 4; g++) {
        high = (high << 16) | full[g];
        low = (low << 16) | full[g + 4];
      }
      return new Address(true, high, low);
    }
  }
}
