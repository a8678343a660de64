package dev.floe.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Iceberg file IO on the local file system for the embedded catalog's warehouse. Iceberg's own
 * choice for {@code file:} locations is Hadoop's file system, which drags in most of Hadoop; this
 * uses Iceberg's plain local files instead. Locations are {@code file:} URIs or absolute paths.
 */
public class LocalFileIO implements SupportsPrefixOperations {
  private static final long serialVersionUID = 1L;

  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(path(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path file = path(location);
    // Iceberg's local output creates the parent with File.mkdirs, which fails when another writer
    // creates the same partition folder at the same moment; createDirectories tolerates that.
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + location, e);
    }
    return org.apache.iceberg.Files.localOutput(file.toFile());
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(path(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path root = path(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(file -> {
        try {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          files.add(new FileInfo(file.toUri().toString(), attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (NoSuchFileException e) {
          // deleted while listing
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + file, e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + prefix, e);
    }
    return files;
  }

  @Override
  public void deletePrefix(String prefix) {
    Path root = path(prefix);
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + prefix, e);
    }
  }

  private static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location.replace(" ", "%20"))) : Path.of(location);
  }
}
