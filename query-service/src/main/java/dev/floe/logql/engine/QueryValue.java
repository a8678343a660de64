package dev.floe.logql.engine;

import dev.floe.lang.Labels;
import java.util.List;

/** The result of a LogQL query, one of Loki's four result types. */
public sealed interface QueryValue {

  /** Loki's {@code data.resultType}. */
  String resultType();

  /** A log query's result: entries grouped by their labels after the pipeline, sorted by those labels. */
  record Streams(List<Stream> streams) implements QueryValue {
    public Streams {
      streams = List.copyOf(streams);
    }

    @Override
    public String resultType() {
      return "streams";
    }
  }

  /** A range query's samples: series sorted by labels, each with its points in time order. */
  record Matrix(List<Series> series) implements QueryValue {
    public Matrix {
      series = List.copyOf(series);
    }

    @Override
    public String resultType() {
      return "matrix";
    }
  }

  /** An instant query's samples, sorted by labels unless the query sorts them by value. */
  record Vector(List<Sample> samples) implements QueryValue {
    public Vector {
      samples = List.copyOf(samples);
    }

    @Override
    public String resultType() {
      return "vector";
    }
  }

  /** An instant query of a number, such as {@code 1 + 1}. */
  record Scalar(long timestampNanos, double value) implements QueryValue {
    @Override
    public String resultType() {
      return "scalar";
    }
  }

  /**
   * The entries sharing one final label set ({@code labels} = stream labels, structured metadata and parsed
   * labels merged), in the query's direction.
   */
  record Stream(Labels labels, List<LogEntry> entries) {
    public Stream {
      entries = List.copyOf(entries);
    }
  }

  /** One log line as a query returns it; the label categories serve Loki's {@code categorize-labels} encoding. */
  record LogEntry(long timestampNanos, String line, Labels structuredMetadata, Labels parsed) {}

  /** One series of a matrix. */
  record Series(Labels labels, List<Point> points) {
    public Series {
      points = List.copyOf(points);
    }
  }

  record Point(long timestampNanos, double value) {}

  /** One sample of a vector. */
  record Sample(Labels labels, long timestampNanos, double value) {}
}
