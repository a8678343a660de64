package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Deletes files under a table's location that no table metadata references and that are older
 * than the minimum age: leftovers of failed commits, of crashed writers and of interrupted
 * cleanups.
 *
 * <p>Safety rules, each guarding against a way of deleting live data:
 *
 * <ul>
 *   <li>The listing happens before the metadata is read. A file that a commit references is either
 *       referenced by the metadata read afterwards or was created by a commit still in progress,
 *       which the minimum age protects.
 *   <li>Files younger than the minimum age are never deleted, whatever the metadata says.
 *   <li>The referenced set covers every snapshot in the metadata (manifest lists, manifests, data
 *       and delete files), the metadata log and statistics files; an unreadable manifest aborts the
 *       run before anything is deleted.
 *   <li>Locations are compared after folding equivalent spellings ({@link Locations}); the current
 *       metadata file must be found in the listing, or the run refuses, because a listing that
 *       spells locations in an unforeseen way would otherwise make every file look unreferenced.
 *   <li>The WAL is not in any table's metadata, so every WAL segment would look like an orphan.
 *       The task therefore refuses to run on a table whose location contains one of the protected
 *       locations it was given (the object store root and the WAL root), instead of relying on
 *       deployments never to place a table there.
 *   <li>Only the table's folder is listed ({@code location + "/"}): a bare prefix would also match
 *       sibling folders such as {@code logs_old} on S3.
 * </ul>
 *
 * <p>Files of other Nessie branches are not in this branch's metadata: do not enable this task on a
 * catalog whose tables live on more than one branch.
 */
public final class OrphanFileRemoval implements TableTask {
  public static final String NAME = "orphan-files";
  public static final String DELETED_FILES = "deleted.files";
  /** Size of the orphans found, whether or not their deletes succeeded. */
  public static final String ORPHAN_BYTES = "orphan.bytes";
  public static final String FAILED_DELETES = "failed.deletes";

  private final OrphanFilesConfig config;
  private final List<String> protectedLocations;

  /**
   * @param protectedLocations locations whose files must never be deleted although no table
   *     references them: at least the object store root and the WAL root
   */
  public OrphanFileRemoval(OrphanFilesConfig config, List<String> protectedLocations) {
    this.config = config;
    this.protectedLocations = List.copyOf(protectedLocations);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskResult run(Table table, Signal signal, Instant now) {
    String folder = Locations.folderKey(table.location());
    for (String location : protectedLocations) {
      if (Locations.isAtOrBelow(location, folder)) {
        return TaskResult.refused(
            "table location " + table.location() + " contains the protected location " + location
                + " (WAL segments are in no table's metadata and would all look orphaned)");
      }
    }
    FileIO io = table.io();
    if (!(io instanceof SupportsPrefixOperations listing)) {
      return TaskResult.refused(
          "the file IO of " + table.name() + " (" + io.getClass().getName() + ") cannot list files");
    }
    String currentMetadata = Locations.key(((HasTableOperations) table).operations().current().metadataFileLocation());

    long cutoffMillis = now.minus(config.minAge()).toEpochMilli();
    List<FileInfo> oldEnough = new ArrayList<>();
    boolean sawCurrentMetadata = false;
    for (FileInfo file : listing.listPrefix(listingPrefix(table.location()))) {
      String key = Locations.key(file.location());
      if (!key.startsWith(folder)) {
        continue;
      }
      sawCurrentMetadata |= key.equals(currentMetadata);
      if (file.createdAtMillis() < cutoffMillis) {
        oldEnough.add(file);
      }
    }
    if (!sawCurrentMetadata && currentMetadata.startsWith(folder)) {
      return TaskResult.refused(
          "the listing of " + table.location() + " does not contain the current metadata file; not deleting anything");
    }
    if (oldEnough.isEmpty()) {
      return TaskResult.unchanged("no file older than " + config.minAge());
    }

    table.refresh();
    Set<String> referenced = ReferencedFiles.of(table);
    List<FileInfo> orphans = new ArrayList<>();
    for (FileInfo file : oldEnough) {
      if (!referenced.contains(Locations.key(file.location()))) {
        orphans.add(file);
      }
    }
    if (orphans.isEmpty()) {
      return TaskResult.unchanged("no orphan file");
    }
    long failed = delete(io, orphans);
    long bytes = orphans.stream().mapToLong(FileInfo::size).sum();
    return TaskResult.changed(
        Map.of(DELETED_FILES, orphans.size() - failed, ORPHAN_BYTES, bytes, FAILED_DELETES, failed),
        "deleted " + (orphans.size() - failed) + " orphan files of " + table.name()
            + (failed > 0 ? " (" + failed + " deletes failed)" : ""));
  }

  private static String listingPrefix(String location) {
    return location.endsWith("/") ? location : location + "/";
  }

  /** Deletes the files and returns how many deletes failed. */
  private static long delete(FileIO io, List<FileInfo> files) {
    List<String> locations = files.stream().map(FileInfo::location).toList();
    if (io instanceof SupportsBulkOperations bulk) {
      try {
        bulk.deleteFiles(locations);
        return 0;
      } catch (BulkDeletionFailureException e) {
        return e.numberFailedObjects();
      }
    }
    locations.forEach(io::deleteFile);
    return 0;
  }
}
