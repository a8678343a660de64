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
    int row = 0;
    while (row < rows) {
      boolean kept = keep == null || keep[row];
      if (!kept || load != null && !load[out]) {
        // A run of rows without values: passed over together.
        int run = 0;
        do {
          if (kept) {
            values.setNull(out++);
          }
          run++;
          row++;
          kept = row < rows && (keep == null || keep[row]);
        } while (row < rows && (!kept || load != null && !load[out]));
        pages.skipValues(run);
        continue;
      }
      pages.nextLevels();
      if (pages.definition() == maxDefinition) {
        values.read(out);
      } else {
        values.setNull(out);
      }
      out++;
      row++;
    }
  }
}
