package dev.floe.maintain.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * Every file that the table's metadata references, as {@link Locations#key} keys: the current and
 * previous metadata files, statistics files, and for every snapshot still in the metadata its
 * manifest list, manifests, data files and delete files. Reading stops with an exception at the
 * first manifest that cannot be read, so that a caller never acts on a partial set.
 */
final class ReferencedFiles {
  private ReferencedFiles() {}

  static Set<String> of(Table table) {
    Set<String> referenced = new HashSet<>();
    for (String metadataFile : ReachableFileUtil.metadataFileLocations(table, false)) {
      referenced.add(Locations.key(metadataFile));
    }
    referenced.add(Locations.key(ReachableFileUtil.versionHintLocation(table)));
    for (String statistics : ReachableFileUtil.statisticsFilesLocations(table)) {
      referenced.add(Locations.key(statistics));
    }
    for (PartitionStatisticsFile statistics : table.partitionStatisticsFiles()) {
      referenced.add(Locations.key(statistics.path()));
    }

    FileIO io = table.io();
    Map<Integer, PartitionSpec> specs = table.specs();
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.manifestListLocation() != null) {
        referenced.add(Locations.key(snapshot.manifestListLocation()));
      }
      for (ManifestFile manifest : snapshot.allManifests(io)) {
        // Manifests are shared by the snapshots that did not change them: read each once.
        if (manifestsRead.add(manifest.path())) {
          referenced.add(Locations.key(manifest.path()));
          addContentFiles(referenced, manifest, io, specs);
        }
      }
    }
    return referenced;
  }

  private static void addContentFiles(
      Set<String> referenced, ManifestFile manifest, FileIO io, Map<Integer, PartitionSpec> specs) {
    try {
      if (manifest.content() == ManifestContent.DATA) {
        try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, io, specs)) {
          paths.forEach(path -> referenced.add(Locations.key(path)));
        }
      } else {
        try (ManifestReader<DeleteFile> reader = ManifestFiles.readDeleteManifest(manifest, io, specs)) {
          reader.forEach(file -> referenced.add(Locations.key(file.location())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + manifest.path(), e);
    }
  }
}
