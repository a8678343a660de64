package dev.floe.query.scan;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/** Where a decoder puts the values of one Parquet leaf column: a slot of a column vector. */
abstract class ValueSink {
  abstract void ensure(int size);

  /** Stores the reader's current (non-null) value at {@code index}. */
  abstract void read(ColumnReader reader, int index);

  abstract void setNull(int index);

  /** A sink writing into {@code vector}; a {@link Strings} sink also supplies the reader's converter. */
  static ValueSink of(Object vector) {
    if (vector instanceof LongColumn column) {
      return new Longs(column);
    }
    if (vector instanceof IntColumn column) {
      return new Ints(column);
    }
    if (vector instanceof DoubleColumn column) {
      return new Doubles(column);
    }
    if (vector instanceof BooleanColumn column) {
      return new Booleans(column);
    }
    if (vector instanceof StringColumn column) {
      return new Strings(column);
    }
    throw new IllegalArgumentException("no value sink for " + vector.getClass().getSimpleName());
  }

  static final class Longs extends ValueSink {
    private final LongColumn column;

    Longs(LongColumn column) {
      this.column = column;
    }

    @Override
    void ensure(int size) {
      column.ensure(size);
    }

    @Override
    void read(ColumnReader reader, int index) {
      column.values[index] = reader.getLong();
      column.nulls[index] = false;
    }

    @Override
    void setNull(int index) {
      column.values[index] = 0;
      column.nulls[index] = true;
    }
  }

  static final class Ints extends ValueSink {
    private final IntColumn column;

    Ints(IntColumn column) {
      this.column = column;
    }

    @Override
    void ensure(int size) {
      column.ensure(size);
    }

    @Override
    void read(ColumnReader reader, int index) {
      column.values[index] = reader.getInteger();
      column.nulls[index] = false;
    }

    @Override
    void setNull(int index) {
      column.values[index] = 0;
      column.nulls[index] = true;
    }
  }

  static final class Doubles extends ValueSink {
    private final DoubleColumn column;

    Doubles(DoubleColumn column) {
      this.column = column;
    }

    @Override
    void ensure(int size) {
      column.ensure(size);
    }

    @Override
    void read(ColumnReader reader, int index) {
      column.values[index] = reader.getDouble();
      column.nulls[index] = false;
    }

    @Override
    void setNull(int index) {
      column.values[index] = 0;
      column.nulls[index] = true;
    }
  }

  static final class Booleans extends ValueSink {
    private final BooleanColumn column;

    Booleans(BooleanColumn column) {
      this.column = column;
    }

    @Override
    void ensure(int size) {
      column.ensure(size);
    }

    @Override
    void read(ColumnReader reader, int index) {
      column.values[index] = reader.getBoolean();
      column.nulls[index] = false;
    }

    @Override
    void setNull(int index) {
      column.values[index] = false;
      column.nulls[index] = true;
    }
  }

  /**
   * Strings go through the reader's converter, because only the converter learns whether a value
   * came as a dictionary id or as bytes. The column copies the bytes.
   */
  static final class Strings extends ValueSink {
    private final StringColumn column;
    private final PrimitiveConverter converter = new Converter();
    private int index;

    Strings(StringColumn column) {
      this.column = column;
    }

    /** Forgets the previous row group's dictionary; the new reader sets its own, if any. */
    void clearDictionary() {
      column.dictionary(null);
    }

    /** The converter to build the column reader with. */
    PrimitiveConverter converter() {
      return converter;
    }

    @Override
    void ensure(int size) {
      column.ensure(size);
    }

    @Override
    void read(ColumnReader reader, int at) {
      this.index = at;
      reader.writeCurrentValueToConverter();
    }

    @Override
    void setNull(int at) {
      column.setNull(at);
    }

    private final class Converter extends PrimitiveConverter {
      @Override
      public boolean hasDictionarySupport() {
        return true;
      }

      @Override
      public void setDictionary(Dictionary dictionary) {
        column.dictionary(dictionary);
      }

      @Override
      public void addValueFromDictionary(int id) {
        column.setId(index, id);
      }

      @Override
      public void addBinary(Binary value) {
        column.set(index, value);
      }
    }
  }
}
