package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.parquet.InternalReader;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * Merges the small data files of a partition (compaction commits often, so it writes many) into
 * fewer files of the target size, sorted in the table's sort order, so that queries open fewer files
 * and prune better.
 *
 * <p>Each partition is one commit that replaces exactly the files that were read, validated from
 * the snapshot the files were chosen in: if a concurrent commit removed one of them (retention, or
 * another rewrite) or added deletes for them, the commit fails, the new files are deleted and the
 * next run starts over. Rows are sorted in memory; {@link RewriteConfig#maxCommitBytes()} bounds how
 * many are read at once.
 */
public final class SmallFileRewrite implements TableTask {
  public static final String NAME = "rewrite";
  public static final String REWRITTEN_FILES = "rewritten.files";
  public static final String REWRITTEN_BYTES = "rewritten.bytes";
  public static final String REWRITTEN_RECORDS = "rewritten.records";
  public static final String ADDED_FILES = "added.files";
  public static final String PARTITIONS = "partitions";

  private final RewriteConfig config;
  private final RewritePlanner planner;

  public SmallFileRewrite(RewriteConfig config) {
    this.config = config;
    this.planner = new RewritePlanner(config);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskResult run(Table table, Signal signal, Instant now) {
    Snapshot start = table.currentSnapshot();
    if (start == null) {
      return TaskResult.unchanged("empty table");
    }
    List<RewriteGroup> groups = planner.plan(table, start.snapshotId());
    if (groups.isEmpty()) {
      return TaskResult.unchanged("no partition has " + config.minInputFiles() + " small files");
    }
    long files = 0;
    long bytes = 0;
    long records = 0;
    long added = 0;
    int partitions = 0;
    String conflict = null;
    for (RewriteGroup group : groups.subList(0, Math.min(groups.size(), config.maxCommitsPerRun()))) {
      List<DataFile> written;
      try {
        written = rewrite(table, start.snapshotId(), group);
      } catch (ValidationException | CommitFailedException e) {
        conflict = "partition " + group.describe() + " changed concurrently: " + e.getMessage();
        break;
      }
      partitions++;
      files += group.files().size();
      bytes += group.bytes();
      records += group.files().stream().mapToLong(DataFile::recordCount).sum();
      added += written.size();
    }
    Map<String, Long> counts =
        Map.of(
            REWRITTEN_FILES, files,
            REWRITTEN_BYTES, bytes,
            REWRITTEN_RECORDS, records,
            ADDED_FILES, added,
            PARTITIONS, (long) partitions);
    String done = "rewrote " + files + " small files into " + added + " in " + partitions + " partitions";
    if (conflict != null) {
      return partitions == 0
          ? TaskResult.conflict(conflict)
          : new TaskResult(TaskResult.Status.CONFLICT, counts, done + "; " + conflict);
    }
    return TaskResult.changed(counts, done);
  }

  /** Rewrites one group in one commit; returns the new files. */
  private List<DataFile> rewrite(Table table, long startSnapshotId, RewriteGroup group) {
    List<StructLike> rows = read(table, group);
    SortOrder order = table.sortOrder();
    if (!order.isUnsorted()) {
      rows.sort(SortOrderComparators.forSchema(table.schema(), order));
    }
    RollingDataWriter writer = new RollingDataWriter(table, group.spec(), group.partition(), config.targetFileBytes());
    try {
      rows.forEach(writer::write);
      List<DataFile> written = writer.finish();
      RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(startSnapshotId);
      group.files().forEach(rewrite::deleteFile);
      written.forEach(rewrite::addFile);
      TaskCommits.mark(rewrite, NAME);
      rewrite.commit();
      return written;
    } catch (CommitStateUnknownException e) {
      // The commit may have succeeded, so the new files may be live: they must stay.
      throw e;
    } catch (RuntimeException e) {
      abandon(table, writer, e);
      throw e;
    }
  }

  /** Deletes the files of a rewrite that did not commit; an undeleted one is left to orphan removal. */
  private static void abandon(Table table, RollingDataWriter writer, RuntimeException failure) {
    try {
      writer.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    for (String location : writer.locations()) {
      try {
        table.io().deleteFile(location);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static List<StructLike> read(Table table, RewriteGroup group) {
    Schema schema = table.schema();
    List<StructLike> rows = new ArrayList<>();
    for (DataFile file : group.files()) {
      try (CloseableIterable<StructLike> reader =
          Parquet.read(table.io().newInputFile(file))
              .project(schema)
              .createReaderFunc(fileSchema -> InternalReader.create(schema, fileSchema))
              .build()) {
        reader.forEach(rows::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.location(), e);
      }
    }
    return rows;
  }
}
