package dev.floe.query.scan;

import org.apache.parquet.column.ColumnDescriptor;

/**
 * A leaf under one repeated group (the keys or values of a map column) decoded from its pages
 * directly ({@link LeafPages}) by its {@link LeafValues}: any number of entries per row, stored
 * entry-indexed; the leaf that owns the row structure also records each row's offsets and nullness.
 * Does what {@link ColumnDecoder.RepeatedLeaf} does for other leaves, without parquet-mr's column reader.
 */
final class RepeatedValues extends ColumnDecoder.Paged {
  private final LeafPages pages;
  private final LeafValues values;
  private final int maxDefinition;
  private final int entryDefinition;
  private final Repeated layout;
  /** Whether the current value's levels are loaded: from the first read on, and again after a jump. */
  private boolean started;
  /** Whether there is a current value: false once the chunk is read. */
  private boolean current;

  /**
   * @param entryDefinition the definition level at which an entry exists (that of the repeated group)
   * @param layout where to record the row structure, or null when another leaf of the column does
   */
  RepeatedValues(ColumnDescriptor leaf, ChunkPages chunk, LeafValues values, int entryDefinition, Repeated layout) {
    super(chunk);
    this.values = values;
    this.pages = new LeafPages(leaf, chunk, values);
    this.maxDefinition = pages.maxDefinition();
    this.entryDefinition = entryDefinition;
    this.layout = layout;
  }

  @Override
  void dropPage() {
    pages.dropPage();
    started = false;
  }

  @Override
  void read(int rows, boolean[] keep, boolean[] load) {
    if (!started) {
      current = pages.advance();
      started = true;
    }
    passed(rows);
    if (layout != null) {
      layout.ensure(rows);
      layout.offsets[0] = 0;
    }
    int out = 0;
    int entries = 0;
    int row = 0;
    while (row < rows) {
      if (!current) {
        throw new IllegalStateException("a map column has fewer rows than its row group");
      }
      boolean kept = keep == null || keep[row];
      if (!kept || load != null && !load[out]) {
        // A run of rows without values: their levels are passed over together.
        int run = 0;
        do {
          if (kept) {
            if (layout != null) {
              layout.nulls[out] = true;
              layout.offsets[out + 1] = entries;
            }
            out++;
          }
          run++;
          row++;
          kept = row < rows && (keep == null || keep[row]);
        } while (row < rows && (!kept || load != null && !load[out]));
        current = pages.skipRows(run);
        continue;
      }
      boolean nullRow = false;
      do {
        int definition = pages.definition();
        if (definition >= entryDefinition) {
          values.ensure(entries + 1);
          if (definition == maxDefinition) {
            values.read(entries);
          } else {
            values.setNull(entries);
          }
          entries++;
        } else {
          // Below the entry level: an empty collection, or (below the collection's own level) null.
          nullRow = definition < entryDefinition - 1;
        }
        current = pages.advance();
      } while (current && pages.repetition() > 0);
      if (layout != null) {
        layout.nulls[out] = nullRow;
        layout.offsets[out + 1] = entries;
      }
      out++;
      row++;
    }
  }
}
