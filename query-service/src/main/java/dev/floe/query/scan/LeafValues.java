package dev.floe.query.scan;

/**
 * The values of a leaf's pages ({@link LeafPages.PageValues}) stored into the leaf's column vector,
 * one entry at a time: the current value, or null.
 */
interface LeafValues extends LeafPages.PageValues {
  /** Makes room for {@code size} entries. */
  void ensure(int size);

  /** Stores the current value as entry {@code out}. */
  void read(int out);

  /** Moves past the current value. */
  void skip();

  /** Stores null as entry {@code out}. */
  void setNull(int out);
}
