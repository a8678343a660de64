package dev.floe.query.scan;

import org.apache.parquet.column.ColumnDescriptor;

/**
 * A top-level column decoded from its pages directly ({@link LeafPages}) into its vector by its
 * {@link LeafValues}: strings, fixed and binary values, and integers.
 */
final class FlatLeaf extends ColumnDecoder.Paged {
  private final LeafPages pages;
  private final LeafValues values;
  private final int maxDefinition;

  FlatLeaf(ColumnDescriptor leaf, ChunkPages chunk, LeafValues values) {
    super(chunk);
    this.values = values;
    this.pages = new LeafPages(leaf, chunk, values);
    this.maxDefinition = pages.maxDefinition();
  }

  @Override
  void dropPage() {
    pages.dropPage();
  }

  @Override
  void read(int rows, boolean[] keep, boolean[] load) {
    passed(rows);
    values.ensure(rows);
    int out = 0;
    for (int row = 0; row < rows; row++) {
      pages.nextLevels();
      boolean present = pages.definition() == maxDefinition;
      if (keep == null || keep[row]) {
        if (present && (load == null || load[out])) {
          values.read(out);
        } else {
          if (present) {
            values.skip();
          }
          values.setNull(out);
        }
        out++;
      } else if (present) {
        values.skip();
      }
    }
  }
}
