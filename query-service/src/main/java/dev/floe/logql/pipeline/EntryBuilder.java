package dev.floe.logql.pipeline;

import dev.floe.lang.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The mutable state of one log entry while the stages run: its labels by category, the error a stage
 * reported, and the sample {@code unwrap} extracted. One instance is reset for every line, so stages
 * allocate nothing for labels they only read.
 *
 * <p>Follows Loki's label builder: parsed labels hide structured metadata and stream labels of the same
 * name, structured metadata hides stream labels, and a label set to the empty value still exists (a
 * numeric filter on it fails to convert instead of dropping the line) until the result drops it.
 */
final class EntryBuilder {
  static final String ERROR = "__error__";
  static final String ERROR_DETAILS = "__error_details__";
  static final String EXTRACTED_SUFFIX = "_extracted";
  private static final int NAME_CACHE_LIMIT = 4096;

  private static final int METADATA = 0;
  private static final int PARSED = 1;

  private Labels stream = Labels.EMPTY;
  private Labels metadata = Labels.EMPTY;
  private final Category[] added = {new Category(), new Category()};
  private String[] deleted = new String[4];
  private int deletedCount;
  private boolean metadataChanged;
  private String error = "";
  private String errorDetails = "";
  private double sample = Double.NaN;
  /** {@link #parsedName} for the current stream; parsers pass the same few names line after line. */
  private final Map<String, String> parsedNames = new HashMap<>();

  void reset(Labels stream, Labels metadata) {
    if ((stream != this.stream && !stream.equals(this.stream)) || parsedNames.size() > NAME_CACHE_LIMIT) {
      parsedNames.clear();
    }
    this.stream = stream;
    this.metadata = metadata;
    added[METADATA].clear();
    added[PARSED].clear();
    deletedCount = 0;
    metadataChanged = false;
    error = "";
    errorDetails = "";
    sample = Double.NaN;
    for (int i = 0; i < metadata.size(); i++) {
      String name = metadata.name(i);
      if (stream.has(name)) {
        name = name + EXTRACTED_SUFFIX;
        metadataChanged = true;
      }
      added[METADATA].put(name, metadata.value(i));
    }
  }

  boolean streamHas(String name) {
    return stream.has(name);
  }

  /** The name a parser gives {@code name}: {@code name_extracted} when the stream has that label. */
  String parsedName(String name) {
    String parsed = parsedNames.get(name);
    if (parsed == null) {
      parsed = stream.has(name) ? name + EXTRACTED_SUFFIX : name;
      parsedNames.put(name, parsed);
    }
    return parsed;
  }

  /** The value of {@code name} (the empty string when set empty), or null when the entry has no such label. */
  String get(String name) {
    if (name.startsWith("__error")) {
      if (name.equals(ERROR)) {
        return error.isEmpty() ? null : error;
      }
      if (name.equals(ERROR_DETAILS)) {
        return errorDetails.isEmpty() ? null : errorDetails;
      }
    }
    for (Category category : added) {
      int index = category.indexOf(name);
      if (index >= 0) {
        return category.values[index];
      }
    }
    if (isDeleted(name)) {
      return null;
    }
    String value = stream.get(name);
    return value.isEmpty() ? null : value;
  }

  /** Sets a label found in the line or formatted, hiding metadata and stream labels of the same name. */
  void setParsed(String name, String value) {
    if (added[METADATA].remove(name)) {
      metadataChanged = true;
    }
    added[PARSED].put(name, value);
  }

  void delete(String name) {
    if (added[METADATA].remove(name)) {
      metadataChanged = true;
    }
    added[PARSED].remove(name);
    if (deletedCount == deleted.length) {
      deleted = Arrays.copyOf(deleted, deletedCount * 2);
    }
    deleted[deletedCount++] = name;
  }

  void setError(String error, String details) {
    this.error = error;
    if (details != null) {
      this.errorDetails = details;
    }
  }

  boolean hasError() {
    return !error.isEmpty();
  }

  void clearError() {
    error = "";
  }

  void clearErrorDetails() {
    errorDetails = "";
  }

  void setSample(double sample) {
    this.sample = sample;
  }

  /** Calls {@code action} for every label the entry has, error labels included. */
  void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < stream.size(); i++) {
      if (streamShows(stream.name(i))) {
        action.accept(stream.name(i), stream.value(i));
      }
    }
    for (Category category : added) {
      for (int i = 0; i < category.size; i++) {
        action.accept(category.names[i], category.values[i]);
      }
    }
    if (!error.isEmpty()) {
      action.accept(ERROR, error);
    }
    if (!errorDetails.isEmpty()) {
      action.accept(ERROR_DETAILS, errorDetails);
    }
  }

  /** Every label of the entry as a new map, which is what templates see. */
  Map<String, String> toMap() {
    Map<String, String> map = new HashMap<>();
    forEach(map::put);
    return map;
  }

  ProcessedEntry result(String line) {
    if (deletedCount == 0 && added[PARSED].size == 0 && error.isEmpty() && errorDetails.isEmpty()) {
      Labels meta = metadataChanged ? added[METADATA].toLabels() : metadata;
      return new ProcessedEntry(line, stream, meta, Labels.EMPTY, sample);
    }
    Labels.Builder streamPart = Labels.builder();
    for (int i = 0; i < stream.size(); i++) {
      if (streamShows(stream.name(i))) {
        streamPart.set(stream.name(i), stream.value(i));
      }
    }
    Labels parsed = added[PARSED].toLabels();
    if (!error.isEmpty() || !errorDetails.isEmpty()) {
      parsed = parsed.toBuilder().set(ERROR, error).set(ERROR_DETAILS, errorDetails).build();
    }
    return new ProcessedEntry(line, streamPart.build(), added[METADATA].toLabels(), parsed, sample);
  }

  /** Whether the stream label {@code name} is neither deleted nor hidden by metadata or a parsed label. */
  private boolean streamShows(String name) {
    return !isDeleted(name) && !added[METADATA].has(name) && !added[PARSED].has(name);
  }

  private boolean isDeleted(String name) {
    for (int i = 0; i < deletedCount; i++) {
      if (deleted[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Labels of one category in insertion order; entries are few, so a linear scan beats hashing. */
  private static final class Category {
    private String[] names = new String[8];
    private int[] hashes = new int[8];
    private String[] values = new String[8];
    private int size;

    void clear() {
      size = 0;
    }

    int indexOf(String name) {
      if (size == 0) {
        return -1;
      }
      int hash = name.hashCode();
      for (int i = 0; i < size; i++) {
        if (hashes[i] == hash && names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    boolean has(String name) {
      return indexOf(name) >= 0;
    }

    void put(String name, String value) {
      int index = indexOf(name);
      if (index >= 0) {
        values[index] = value;
        return;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      hashes[size] = name.hashCode();
      values[size++] = value;
    }

    boolean remove(String name) {
      int index = indexOf(name);
      if (index < 0) {
        return false;
      }
      System.arraycopy(names, index + 1, names, index, size - index - 1);
      System.arraycopy(hashes, index + 1, hashes, index, size - index - 1);
      System.arraycopy(values, index + 1, values, index, size - index - 1);
      size--;
      return true;
    }

    Labels toLabels() {
      if (size == 0) {
        return Labels.EMPTY;
      }
      Labels.Builder builder = Labels.builder();
      for (int i = 0; i < size; i++) {
        builder.set(names[i], values[i]);
      }
      return builder.build();
    }
  }
}
