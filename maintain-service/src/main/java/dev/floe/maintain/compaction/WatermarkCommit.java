package dev.floe.maintain.compaction;

import dev.floe.wal.Watermarks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.Transactions;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;

/**
 * Commits the data files of WAL segments and the watermarks past those segments in one Iceberg
 * transaction: an overwrite that adds the files (and deletes nothing) plus a properties update, which
 * the catalog makes visible together or not at all.
 *
 * <p><b>Why no WAL offset is ever committed twice.</b> A commit that covers offsets {@code a+1..b} of
 * a shard succeeds only if the table's watermark of that shard is still {@code a} when the catalog
 * applies it, and it leaves the watermark at {@code b}; watermarks only ever grow. Two commits that
 * both cover offset {@code a+1} would both need watermark {@code a}, but the first one moved it to
 * {@code b > a}, so the second fails. Iceberg alone does not give this: its automatic retry re-applies
 * an append on fresh metadata and the properties update simply overwrites the watermark, knowing
 * nothing of what it meant. Two independent checks close that gap:
 *
 * <ol>
 *   <li>{@link WatermarkGuard} checks the watermarks of the very metadata that each commit attempt,
 *       first or retried, is swapped in for; the catalog's compare-and-swap on that metadata makes
 *       "checked" and "committed" one atomic step. This also catches a concurrent commit that moved a
 *       watermark without adding any data file (an empty batch, a manual fix), which no data
 *       validation can see. (JDBC and Nessie catalogs swap the whole metadata; a REST catalog
 *       conditions the swap on the branch's snapshot, and every compaction commit moves the branch,
 *       even one without files.)
 *   <li>The overwrite validates from the snapshot the commit was planned from that no data file was
 *       added since ({@code validateNoConflictingData} over the whole table): any concurrent
 *       compaction that did add data fails this commit through Iceberg's own validation.
 * </ol>
 *
 * <p>So a stale leader that planned from an old watermark, however late it commits and however often
 * Iceberg retries, fails with {@link ValidationException}; it then deletes its files and plans again
 * from the new watermark. The lease only keeps two leaders from doing the same work; correctness
 * never depends on it. Cleanup deletes a segment only when it is at or below the watermark, so a
 * segment is gone only after its rows are committed; a commit whose outcome is unknown keeps its files
 * (they may be referenced now) and the next cycle reads the watermark to learn what happened.
 */
final class WatermarkCommit {
  /** Snapshot summary key recording which offsets a commit covers, for people reading history. */
  static final String SUMMARY_KEY = "floe.wal.offsets";

  /** What became of a commit. */
  enum Outcome {
    /** The files and the new watermarks are in the table. */
    COMMITTED,
    /** Certainly not committed: the watermark or the table moved. The files may be deleted. */
    REJECTED,
    /** The catalog did not say; the files must stay, the watermark tells later. */
    UNKNOWN
  }

  /** The outcome and, unless committed, the exception that explains it. */
  record Result(Outcome outcome, RuntimeException failure) {}

  private WatermarkCommit() {}

  /**
   * @param startSnapshotId the table's current snapshot when the commit was planned, null if none
   * @param from per shard, the watermark the commit was planned from
   * @param to per shard, the new watermark (the last offset covered)
   */
  static Result commit(
      Table table, Long startSnapshotId, Map<Integer, Long> from, Map<Integer, Long> to, List<DataFile> files) {
    if (!(table instanceof HasTableOperations withOperations)) {
      throw new IllegalArgumentException("table " + table.name() + " does not expose its operations");
    }
    try {
      Transaction transaction =
          Transactions.newTransaction(table.name(), new WatermarkGuard(withOperations.operations(), from));
      OverwriteFiles overwrite = transaction.newOverwrite();
      files.forEach(overwrite::addFile);
      if (startSnapshotId != null) {
        overwrite.validateFromSnapshot(startSnapshotId);
      }
      overwrite.conflictDetectionFilter(Expressions.alwaysTrue()).validateNoConflictingData();
      overwrite.set(SUMMARY_KEY, describe(from, to));
      overwrite.commit();
      UpdateProperties watermarks = transaction.updateProperties();
      to.forEach((shard, offset) -> watermarks.set(Watermarks.property(shard), Long.toString(offset)));
      watermarks.commit();
      transaction.commitTransaction();
      return new Result(Outcome.COMMITTED, null);
    } catch (ValidationException | CommitFailedException e) {
      return new Result(Outcome.REJECTED, e);
    } catch (RuntimeException e) {
      // CommitStateUnknownException, and anything else the catalog may throw after the swap landed.
      return new Result(Outcome.UNKNOWN, e);
    }
  }

  /** {@code shard:first-last} for every shard, e.g. {@code 0:5-9,3:2-2}. */
  static String describe(Map<Integer, Long> from, Map<Integer, Long> to) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(to)
        .forEach(
            (shard, last) -> {
              if (text.length() > 0) {
                text.append(',');
              }
              text.append(shard).append(':').append(from.getOrDefault(shard, 0L) + 1).append('-').append(last);
            });
    return text.toString();
  }
}
