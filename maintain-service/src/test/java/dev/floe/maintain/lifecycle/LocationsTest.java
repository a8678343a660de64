package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationsTest {
  @Test
  void equivalentSpellingsOfOneFileShareAKey() {
    assertThat(Locations.key("file:/tmp/w/a.parquet"))
        .isEqualTo(Locations.key("file:///tmp/w/a.parquet"))
        .isEqualTo(Locations.key("/tmp/w//a.parquet"))
        .isEqualTo(Locations.key("file:///tmp/w/x/../a.parquet"));
    assertThat(Locations.key("file:///tmp/a%20b/c")).isEqualTo(Locations.key("file:/tmp/a b/c"));
    assertThat(Locations.key("s3a://bucket/w//t/a.parquet")).isEqualTo(Locations.key("s3://bucket/w/t/a.parquet"));
  }

  @Test
  void differentFilesKeepDifferentKeys() {
    assertThat(Locations.key("s3://one/w/a")).isNotEqualTo(Locations.key("s3://two/w/a"));
    assertThat(Locations.key("s3://one/w/a")).isNotEqualTo(Locations.key("gs://one/w/a"));
  }

  @Test
  void aFolderContainsItsFilesButNotItsSiblings() {
    assertThat(Locations.isAtOrBelow("s3://b/floe/logs/data/x", "s3://b/floe/logs")).isTrue();
    assertThat(Locations.isAtOrBelow("s3://b/floe/logs", "s3://b/floe/logs/")).isTrue();
    assertThat(Locations.isAtOrBelow("s3://b/floe/logs_old/x", "s3://b/floe/logs")).isFalse();
    assertThat(Locations.isAtOrBelow("s3://b/wal/", "s3://b/")).isTrue();
    assertThat(Locations.isAtOrBelow("s3://b/", "s3://b/warehouse/floe/logs")).isFalse();
  }
}
