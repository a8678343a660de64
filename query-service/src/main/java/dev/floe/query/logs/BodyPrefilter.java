package dev.floe.query.logs;

import dev.floe.logql.Stage;
import dev.floe.query.scan.StringColumn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The literal ones among a query's leading line filters ({@code |= "a"}, {@code != "b"}, with
 * {@code or}), tested on a body's raw UTF-8 before it is decoded: a row they reject never becomes a
 * String. For valid UTF-8 a byte match is a character match; a literal holding U+FFFD (what an invalid
 * byte decodes to) is left to the pipeline. Rows it keeps still go through the whole pipeline.
 */
final class BodyPrefilter {
  private final List<byte[][]> anyOf;
  private final List<byte[][]> noneOf;

  private BodyPrefilter(List<byte[][]> anyOf, List<byte[][]> noneOf) {
    this.anyOf = anyOf;
    this.noneOf = noneOf;
  }

  /** The prefilter of {@code filters}, or null when none of them is a literal one. */
  static BodyPrefilter of(List<Stage.LineFilter> filters) {
    List<byte[][]> anyOf = new ArrayList<>();
    List<byte[][]> noneOf = new ArrayList<>();
    for (Stage.LineFilter filter : filters) {
      boolean contains = filter.op() == Stage.LineFilterOp.CONTAINS;
      if (!contains && filter.op() != Stage.LineFilterOp.NOT_CONTAINS) {
        continue;
      }
      byte[][] needles = needles(filter.matches());
      if (needles != null) {
        (contains ? anyOf : noneOf).add(needles);
      }
    }
    return anyOf.isEmpty() && noneOf.isEmpty() ? null : new BodyPrefilter(anyOf, noneOf);
  }

  private static byte[][] needles(List<Stage.LineMatch> matches) {
    byte[][] needles = new byte[matches.size()][];
    for (int i = 0; i < needles.length; i++) {
      Stage.LineMatch match = matches.get(i);
      if (match.ip() || match.value().indexOf('\uFFFD') >= 0) {
        return null;
      }
      needles[i] = match.value().getBytes(StandardCharsets.UTF_8);
    }
    return needles;
  }

  /** Whether the row may pass the filters; a null body is left to the pipeline. */
  boolean keep(StringColumn body, int row) {
    if (body.isNull(row)) {
      return true;
    }
    for (byte[][] needles : anyOf) {
      if (!containsAny(body, row, needles)) {
        return false;
      }
    }
    for (byte[][] needles : noneOf) {
      if (containsAny(body, row, needles)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsAny(StringColumn body, int row, byte[][] needles) {
    for (byte[] needle : needles) {
      if (body.contains(row, needle)) {
        return true;
      }
    }
    return false;
  }
}
