package dev.floe.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Declares a table's columns and gives them the field ids an Iceberg catalog gives a new table
 * (top-level columns first, then nested fields), so that WAL segments and the tables they are
 * compacted into agree on ids. The ids are part of every file ever written: columns may only ever be
 * appended, and an appended column takes the next id after the highest, as Iceberg's schema
 * evolution does.
 */
final class FieldIds {
  private int next = 1;
  private final List<NestedField> columns = new ArrayList<>();

  FieldIds required(String name, Type type, String doc) {
    columns.add(NestedField.required(next++, name, type, doc));
    return this;
  }

  FieldIds optional(String name, Type type, String doc) {
    columns.add(NestedField.optional(next++, name, type, doc));
    return this;
  }

  FieldIds optional(String name, NestedType type, String doc) {
    int id = next++;
    columns.add(NestedField.optional(id, name, type.build(this), doc));
    return this;
  }

  FieldIds required(String name, NestedType type, String doc) {
    int id = next++;
    columns.add(NestedField.required(id, name, type.build(this), doc));
    return this;
  }

  int nextId() {
    return next++;
  }

  Schema schema() {
    AtomicInteger lastId = new AtomicInteger();
    return TypeUtil.assignFreshIds(new Schema(columns), lastId::incrementAndGet);
  }

  /** A nested type whose own field ids are taken from the same sequence, after its parent's. */
  interface NestedType {
    Type build(FieldIds ids);
  }

  /** {@code map<string,string>}, the shape of every attribute map (SQL engines read it as is). */
  static NestedType stringMap() {
    return ids -> Types.MapType.ofOptional(ids.nextId(), ids.nextId(), Types.StringType.get(), Types.StringType.get());
  }

  static NestedType listOf(Type element) {
    return ids -> Types.ListType.ofRequired(ids.nextId(), element);
  }

  static NestedType listOfStructs(StructFields fields) {
    return ids -> {
      int elementId = ids.nextId();
      FieldIds inner = new FieldIds();
      inner.next = ids.next;
      fields.declare(inner);
      ids.next = inner.next;
      return Types.ListType.ofRequired(elementId, Types.StructType.of(inner.columns));
    };
  }

  /** Declares the fields of a struct. */
  interface StructFields {
    void declare(FieldIds ids);
  }
}
