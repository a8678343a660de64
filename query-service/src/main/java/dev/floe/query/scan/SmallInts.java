package dev.floe.query.scan;

/** A stream of small integers: the repetition or definition levels, or the dictionary ids, of a page. */
@FunctionalInterface
interface SmallInts {
  int next();
}
