package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The stages that choose labels or lines by labels: {@code keep}, {@code drop} and {@code distinct}. */
final class LabelSelections {
  private LabelSelections() {}

  /** {@code | keep a, b="x"}: every other label goes; the error labels always stay. */
  static StageFunction keep(List<Stage.LabelSelection> selections) {
    Selection[] kept = compile(selections);
    List<String> doomed = new ArrayList<>();
    return (ts, line, entry) -> {
      doomed.clear();
      entry.forEach((name, value) -> {
        boolean errorLabel = name.equals(EntryBuilder.ERROR) || name.equals(EntryBuilder.ERROR_DETAILS);
        if (!errorLabel && !anyMatches(kept, name, value)) {
          doomed.add(name);
        }
      });
      for (String name : doomed) {
        entry.delete(name);
      }
      return line;
    };
  }

  /** {@code | drop a, b="x"}: these labels go, the error labels included when named. */
  static StageFunction drop(List<Stage.LabelSelection> selections) {
    Selection[] dropped = compile(selections);
    return (ts, line, entry) -> {
      for (Selection selection : dropped) {
        String value = entry.get(selection.name);
        if (value != null && (selection.value == null || selection.value.test(value))) {
          if (selection.name.equals(EntryBuilder.ERROR)) {
            entry.clearError();
          } else if (selection.name.equals(EntryBuilder.ERROR_DETAILS)) {
            entry.clearErrorDetails();
          } else {
            entry.delete(selection.name);
          }
        }
      }
      return line;
    };
  }

  /**
   * {@code | distinct a, b}: drops a line when an earlier line of the query had the same value of any of
   * these labels (each label on its own, as Loki does, not their combination); the values are remembered
   * label by label up to the first repeated one. Lines lacking one of the labels pass.
   */
  static StageFunction distinct(List<String> labels) {
    String[] names = labels.toArray(new String[0]);
    List<Set<String>> seen = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      seen.add(new HashSet<>());
    }
    return (ts, line, entry) -> {
      for (int i = 0; i < names.length; i++) {
        String value = entry.get(names[i]);
        if (value == null) {
          return line;
        }
        if (!seen.get(i).add(value)) {
          return null;
        }
      }
      return line;
    };
  }

  private static boolean anyMatches(Selection[] selections, String name, String value) {
    for (Selection selection : selections) {
      if (selection.name.equals(name) && (selection.value == null || selection.value.test(value))) {
        return true;
      }
    }
    return false;
  }

  private static Selection[] compile(List<Stage.LabelSelection> selections) {
    Selection[] compiled = new Selection[selections.size()];
    for (int i = 0; i < compiled.length; i++) {
      Stage.LabelSelection selection = selections.get(i);
      compiled[i] = new Selection(
          selection.name(), selection.matcher() == null ? null : selection.matcher()::matches);
    }
    return compiled;
  }

  /** A label name and, when given, the test its value must pass. */
  private static final class Selection {
    final String name;
    final Predicate<String> value;

    Selection(String name, Predicate<String> value) {
      this.name = name;
      this.value = value;
    }
  }
}
