package dev.floe.logql.template;

import java.util.Map;

/** The template's data, Go's {@code map[string]string} of labels: a missing label reads as "". */
record LabelMap(Map<String, String> values) {}
