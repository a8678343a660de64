package dev.floe.query.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
    // The schema builds its leaf list anew on every call: once per file, not once per column.
    Map<String, List<ColumnDescriptor>> byColumn = new HashMap<>();
    for (ColumnDescriptor descriptor : schema.getColumns()) {
      byColumn.computeIfAbsent(descriptor.getPath()[0], name -> new ArrayList<>()).add(descriptor);
    }
    for (Map.Entry<String, ColumnKind> column : columns.kinds().entrySet()) {
      add(byColumn, column.getKey());
      if (column.getValue() == ColumnKind.TIMESTAMP) {
        add(byColumn, ScanColumns.nanosColumn(column.getKey()));
      }
    }
  }

  private void add(Map<String, List<ColumnDescriptor>> byColumn, String name) {
    leaves.put(name, byColumn.getOrDefault(name, List.of()));
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
    int[] levels = entryDefinitions(leaf);
    if (levels.length != 1) {
      throw new UnsupportedOperationException(
          "column " + String.join(".", leaf.getPath()) + " has " + levels.length + " levels of repetition, expected 1");
    }
    return levels[0];
  }

  /**
   * The definition levels at which entries of the repeated groups above {@code leaf} exist, outermost
   * first: one for a list or a map, two for a map inside the structs of a list.
   */
  int[] entryDefinitions(ColumnDescriptor leaf) {
    if (leaf.getMaxRepetitionLevel() > 2) {
      throw new UnsupportedOperationException(
          "the scan reads columns with at most two levels of repetition; " + String.join(".", leaf.getPath()) + " has "
              + leaf.getMaxRepetitionLevel());
    }
    String[] path = leaf.getPath();
    int[] levels = new int[leaf.getMaxRepetitionLevel()];
    int found = 0;
    for (int length = 1; length <= path.length && found < levels.length; length++) {
      String[] prefix = Arrays.copyOf(path, length);
      if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
        levels[found++] = schema.getMaxDefinitionLevel(prefix);
      }
    }
    if (found != levels.length) {
      throw new IllegalStateException(String.join(".", path) + " lacks a repeated group");
    }
    return levels;
  }
}
