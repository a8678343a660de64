package dev.floe.promql.engine;

import java.math.BigInteger;
import java.util.Comparator;

/** Natural string order, numbers compared by value ("a2" before "a10"), as sort_by_label sorts. */
final class NaturalOrder implements Comparator<String> {
  static final NaturalOrder INSTANCE = new NaturalOrder();

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int cmp = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
        if (cmp != 0) {
          return cmp;
        }
        i = endA;
        j = endB;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }
}
