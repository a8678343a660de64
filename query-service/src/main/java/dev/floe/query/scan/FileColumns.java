package dev.floe.query.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The Parquet leaf columns of one file that a scan decodes, by top-level table column name.
 * Columns are matched by name, as Floe's catalog matches table columns; a column the file lacks
 * (added to the table later) has no leaves and reads as null.
 */
final class FileColumns {
  private final MessageType schema;
  private final Map<String, List<ColumnDescriptor>> leaves = new LinkedHashMap<>();

  FileColumns(MessageType schema, ScanColumns columns) {
    this.schema = schema;
    for (Map.Entry<String, ColumnKind> column : columns.kinds().entrySet()) {
      add(column.getKey());
      if (column.getValue() == ColumnKind.TIMESTAMP) {
        add(ScanColumns.nanosColumn(column.getKey()));
      }
    }
  }

  private void add(String name) {
    List<ColumnDescriptor> found = new ArrayList<>();
    for (ColumnDescriptor descriptor : schema.getColumns()) {
      if (descriptor.getPath()[0].equals(name)) {
        found.add(descriptor);
      }
    }
    leaves.put(name, found);
  }

  MessageType schema() {
    return schema;
  }

  /** The leaves of {@code name}; empty when the file lacks the column. */
  List<ColumnDescriptor> leaves(String name) {
    return leaves.getOrDefault(name, List.of());
  }

  /** The single leaf of a primitive column, or null when the file lacks it. */
  ColumnDescriptor leaf(String name) {
    List<ColumnDescriptor> found = leaves(name);
    if (found.isEmpty()) {
      return null;
    }
    if (found.size() != 1 || found.get(0).getPath().length != 1) {
      throw new IllegalStateException("column '" + name + "' is not a primitive column in this file");
    }
    return found.get(0);
  }

  /** Every leaf to read, for the file reader's requested schema. */
  List<ColumnDescriptor> all() {
    return leaves.values().stream().flatMap(List::stream).toList();
  }

  /** The definition level at which an entry of the repeated group above {@code leaf} exists. */
  int entryDefinition(ColumnDescriptor leaf) {
    if (leaf.getMaxRepetitionLevel() != 1) {
      throw new UnsupportedOperationException(
          "the scan reads columns with one level of repetition; " + String.join(".", leaf.getPath()) + " has "
              + leaf.getMaxRepetitionLevel());
    }
    String[] path = leaf.getPath();
    for (int length = 1; length <= path.length; length++) {
      String[] prefix = Arrays.copyOf(path, length);
      if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
        return schema.getMaxDefinitionLevel(prefix);
      }
    }
    throw new IllegalStateException(String.join(".", path) + " has no repeated group");
  }
}
