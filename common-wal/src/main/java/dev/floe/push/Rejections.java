package dev.floe.push;

/** The records of one request that were left out: how many, and the first reason. */
final class Rejections {
  private final String noun;
  private int count;
  private String first;

  /** @param noun what a record is called in the summary, plural ("entries", "samples") */
  Rejections(String noun) {
    this.noun = noun;
  }

  void add(int records, String reason) {
    if (records <= 0) {
      return;
    }
    if (count == 0) {
      first = reason;
    }
    count += records;
  }

  int count() {
    return count;
  }

  /** The first reason, and how many more records were left out; null when none was. */
  String message() {
    if (count <= 1) {
      return first;
    }
    return first + " (" + count + " " + noun + " rejected in all)";
  }
}
