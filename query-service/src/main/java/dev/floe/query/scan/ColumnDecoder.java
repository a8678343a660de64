package dev.floe.query.scan;

import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;

/**
 * Decodes the next rows of one column of a row group into its vector. With a {@code keep} mask,
 * only rows whose flag is set are stored, packed from index 0; the others are skipped without
 * materializing their values. With a {@code load} mask too, a stored row whose flag is clear is
 * stored as null, its value skipped.
 */
abstract class ColumnDecoder {
  /** Keeps no row; never written. */
  private static final boolean[] NONE = new boolean[4096];

  /**
   * @param rows how many rows to advance
   * @param keep which of them to store, or null for all
   * @param load which stored rows (indexed from 0 like the stored rows) get their value, or null for all
   */
  abstract void read(int rows, boolean[] keep, boolean[] load);

  final void read(int rows, boolean[] keep) {
    read(rows, keep, null);
  }

  /** Moves past the next {@code rows} rows, storing none. */
  void skip(long rows) {
    while (rows > 0) {
      int block = (int) Math.min(rows, NONE.length);
      read(block, NONE);
      rows -= block;
    }
  }

  /** Opens a reader on a column chunk's pages, positioned at the first page not handed out yet. */
  @FunctionalInterface
  interface ReaderFactory {
    ColumnReader open();
  }

  /**
   * A decoder of one column chunk that jumps over whole pages when it skips rows ({@link
   * ChunkPages#jumpTo}). Subclasses count the rows they read with {@link #passed} and forget their
   * page in {@link #dropPage}.
   */
  abstract static class Paged extends ColumnDecoder {
    private final ChunkPages chunk;
    private long rowsPassed;

    Paged(ChunkPages chunk) {
      this.chunk = chunk;
    }

    @Override
    final void skip(long rows) {
      long target = rowsPassed + rows;
      long start = chunk.jumpTo(target);
      if (start >= 0) {
        dropPage();
        rowsPassed = start;
      }
      super.skip(target - rowsPassed);
    }

    /** Forgets the current page after a jump: reading goes on from the next page the chunk hands out. */
    abstract void dropPage();

    /** Counts {@code rows} more rows read. */
    final void passed(int rows) {
      rowsPassed += rows;
    }
  }

  /** One value per row: a top-level primitive column. */
  static final class Flat extends Paged {
    private final ReaderFactory readers;
    private final int maxDefinition;
    private final ValueSink sink;
    /** Opened when first needed, after any jump. */
    private ColumnReader reader;

    Flat(ColumnDescriptor leaf, ChunkPages pages, ReaderFactory readers, ValueSink sink) {
      super(pages);
      this.readers = readers;
      this.maxDefinition = leaf.getMaxDefinitionLevel();
      this.sink = sink;
    }

    @Override
    void dropPage() {
      reader = null;
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      if (rows == 0) {
        return;
      }
      if (reader == null) {
        reader = readers.open();
      }
      passed(rows);
      sink.ensure(rows);
      int out = 0;
      for (int row = 0; row < rows; row++) {
        boolean present = reader.getCurrentDefinitionLevel() == maxDefinition;
        if (keep == null || keep[row]) {
          if (present && (load == null || load[out])) {
            sink.read(reader, out);
          } else {
            if (present) {
              reader.skip();
            }
            sink.setNull(out);
          }
          out++;
        } else if (present) {
          reader.skip();
        }
        reader.consume();
      }
    }
  }

  /**
   * A leaf under one repeated group (map keys or values, list elements, fields of list structs):
   * any number of values per row. Entries are stored entry-indexed; the leaf that owns the row
   * structure also records each row's offsets and nullness.
   */
  static final class RepeatedLeaf extends Paged {
    private final ReaderFactory readers;
    private final int maxDefinition;
    private final int entryDefinition;
    private final ValueSink sink;
    private final Repeated layout;
    /** Opened when first needed, after any jump. */
    private ColumnReader reader;
    private long remaining;

    /**
     * @param entryDefinition the definition level at which an entry exists (that of the repeated group)
     * @param layout where to record the row structure, or null when another leaf of the column does
     */
    RepeatedLeaf(
        ColumnDescriptor leaf, ChunkPages pages, ReaderFactory readers, int entryDefinition, ValueSink sink, Repeated layout) {
      super(pages);
      this.readers = readers;
      this.maxDefinition = leaf.getMaxDefinitionLevel();
      this.entryDefinition = entryDefinition;
      this.sink = sink;
      this.layout = layout;
    }

    @Override
    void dropPage() {
      reader = null;
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      if (rows == 0) {
        return;
      }
      if (reader == null) {
        reader = readers.open();
        remaining = reader.getTotalValueCount();
      }
      passed(rows);
      if (layout != null) {
        layout.ensure(rows);
        layout.offsets[0] = 0;
      }
      int out = 0;
      int entries = 0;
      for (int row = 0; row < rows; row++) {
        boolean kept = keep == null || keep[row];
        boolean loaded = kept && (load == null || load[out]);
        boolean nullRow = !loaded;
        do {
          int definition = reader.getCurrentDefinitionLevel();
          if (definition >= entryDefinition) {
            if (loaded) {
              sink.ensure(entries + 1);
              if (definition == maxDefinition) {
                sink.read(reader, entries);
              } else {
                sink.setNull(entries);
              }
              entries++;
            } else if (definition == maxDefinition) {
              reader.skip();
            }
          } else if (loaded) {
            // Below the entry level: an empty collection, or (below the collection's own level) null.
            nullRow = definition < entryDefinition - 1;
          }
          reader.consume();
          remaining--;
        } while (remaining > 0 && reader.getCurrentRepetitionLevel() > 0);
        if (kept) {
          if (layout != null) {
            layout.nulls[out] = nullRow;
            layout.offsets[out + 1] = entries;
          }
          out++;
        }
      }
    }
  }

  /**
   * A leaf of a map inside the structs of a list (the filtered attributes of exemplars): two levels of
   * repetition. The map column is indexed by list entry: its row {@code e} is the map of entry
   * {@code e} of the list's entry-indexed columns. The key leaf records the maps' offsets and nullness.
   */
  static final class ListMapLeaf extends ColumnDecoder {
    private final ColumnReader reader;
    private final int maxDefinition;
    private final int listEntryDefinition;
    private final int mapEntryDefinition;
    private final ValueSink sink;
    private final Repeated layout;
    private long remaining;

    /**
     * @param entryDefinitions the definition levels of a list entry and of a map entry
     * @param layout where to record the maps' structure, or null when the other leaf of the map does
     */
    ListMapLeaf(ColumnReader reader, int[] entryDefinitions, ValueSink sink, Repeated layout) {
      this.reader = reader;
      this.maxDefinition = reader.getDescriptor().getMaxDefinitionLevel();
      this.listEntryDefinition = entryDefinitions[0];
      this.mapEntryDefinition = entryDefinitions[1];
      this.sink = sink;
      this.layout = layout;
      this.remaining = reader.getTotalValueCount();
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      if (layout != null) {
        layout.offsets[0] = 0;
      }
      int maps = 0;
      int entries = 0;
      int out = 0;
      for (int row = 0; row < rows; row++) {
        // A row stored without its value has an empty list, hence no maps.
        boolean kept = (keep == null || keep[row]) && (load == null || load[out]);
        if (keep == null || keep[row]) {
          out++;
        }
        do {
          int definition = reader.getCurrentDefinitionLevel();
          // Repetition 0 starts a row, 1 a list entry, 2 another entry of the same map.
          boolean newListEntry = reader.getCurrentRepetitionLevel() < 2 && definition >= listEntryDefinition;
          if (kept && newListEntry && layout != null) {
            layout.ensure(maps + 1);
            // Below the map entry level: an empty map, or (below the map's own level) none.
            layout.nulls[maps] = definition < mapEntryDefinition - 1;
            layout.offsets[maps + 1] = entries;
          }
          if (kept && newListEntry) {
            maps++;
          }
          if (definition >= mapEntryDefinition) {
            if (kept) {
              sink.ensure(entries + 1);
              if (definition == maxDefinition) {
                sink.read(reader, entries);
              } else {
                sink.setNull(entries);
              }
              entries++;
              if (layout != null) {
                layout.offsets[maps] = entries;
              }
            } else if (definition == maxDefinition) {
              reader.skip();
            }
          }
          reader.consume();
          remaining--;
        } while (remaining > 0 && reader.getCurrentRepetitionLevel() > 0);
      }
    }
  }

  /**
   * A timestamp: microseconds from one column plus the 0-999 nanosecond remainder from its
   * companion column, combined into nanoseconds.
   */
  static final class Timestamp extends ColumnDecoder {
    private final ColumnDecoder micros;
    private final ColumnDecoder nanos;
    private final LongColumn target;
    private final IntColumn remainders;

    /** @param nanos the remainder column's decoder into {@code remainders}, or null when the file has none */
    Timestamp(ColumnDecoder micros, LongColumn target, ColumnDecoder nanos, IntColumn remainders) {
      this.micros = micros;
      this.target = target;
      this.nanos = nanos;
      this.remainders = remainders;
    }

    @Override
    void skip(long rows) {
      micros.skip(rows);
      if (nanos != null) {
        nanos.skip(rows);
      }
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      micros.read(rows, keep, load);
      if (nanos != null) {
        nanos.read(rows, keep, load);
      }
      int stored = keep == null ? rows : count(keep, rows);
      long[] values = target.values;
      for (int row = 0; row < stored; row++) {
        if (!target.nulls[row]) {
          int remainder = nanos == null || remainders.nulls[row] ? 0 : remainders.values[row];
          values[row] = values[row] * 1000 + remainder;
        }
      }
    }
  }

  /** A column the file does not have (added to the table after the file was written): all null. */
  static final class Missing extends ColumnDecoder {
    private final ValueSink sink;
    private final Repeated layout;

    /** Either a sink for a primitive column, or the layout of a map or list column. */
    Missing(ValueSink sink, Repeated layout) {
      this.sink = sink;
      this.layout = layout;
    }

    @Override
    void skip(long rows) {
      // Nothing to move past.
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      int stored = keep == null ? rows : count(keep, rows);
      if (sink != null) {
        sink.ensure(stored);
        for (int row = 0; row < stored; row++) {
          sink.setNull(row);
        }
      } else {
        layout.ensure(stored);
        for (int row = 0; row < stored; row++) {
          layout.nulls[row] = true;
          layout.offsets[row + 1] = 0;
        }
      }
    }
  }

  /** The leaves of one map or list column, read together. */
  static final class Group extends ColumnDecoder {
    private final List<ColumnDecoder> parts;

    Group(List<ColumnDecoder> parts) {
      this.parts = List.copyOf(parts);
    }

    @Override
    void skip(long rows) {
      for (ColumnDecoder part : parts) {
        part.skip(rows);
      }
    }

    @Override
    void read(int rows, boolean[] keep, boolean[] load) {
      for (ColumnDecoder part : parts) {
        part.read(rows, keep, load);
      }
    }
  }

  static int count(boolean[] keep, int rows) {
    int count = 0;
    for (int row = 0; row < rows; row++) {
      if (keep[row]) {
        count++;
      }
    }
    return count;
  }
}
