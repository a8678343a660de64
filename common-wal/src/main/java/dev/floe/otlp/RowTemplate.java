package dev.floe.otlp;

import java.util.Collections;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;

/**
 * Makes empty rows of one struct type and resolves column positions once; shared with the other
 * row mappers (Loki push, Prometheus remote write).
 */
public final class RowTemplate {
  private final Types.StructType struct;
  private final GenericRecord empty;

  private RowTemplate(Types.StructType struct) {
    this.struct = struct;
    this.empty = GenericRecord.create(struct);
  }

  public static RowTemplate of(Schema schema) {
    return new RowTemplate(schema.asStruct());
  }

  /** Rows for the struct elements of a list column. */
  static RowTemplate ofListElements(Schema schema, String listColumn) {
    return new RowTemplate(schema.findField(listColumn).type().asListType().elementType().asStructType());
  }

  Types.StructType struct() {
    return struct;
  }

  public int position(String column) {
    List<Types.NestedField> fields = struct.fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + column + " in " + struct);
  }

  /**
   * A row with every field null. Copying an empty record avoids {@link GenericRecord#create}'s
   * per-call cache lookup, which hashes the whole struct type.
   */
  public GenericRecord newRow() {
    return empty.copy(Collections.emptyMap());
  }
}
