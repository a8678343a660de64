package dev.floe.logql.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's layouts (the constants of Go's time package) on Go's reference time, and parsing them back. */
class TemplateTimeLayoutTest {
  /** Mon Jan 2 15:04:05.123456789 2006 at -07:00, Go's reference time with nanoseconds. */
  private static final GoTime REFERENCE =
      new GoTime(ZonedDateTime.of(2006, 1, 2, 15, 4, 5, 123_456_789, ZoneOffset.ofHours(-7)));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "Mon Jan _2 15:04:05 2006|Mon Jan  2 15:04:05 2006",
    "Mon Jan _2 15:04:05 MST 2006|Mon Jan  2 15:04:05 -0700 2006",
    "02 Jan 06 15:04 -0700|02 Jan 06 15:04 -0700",
    "Monday, 02-Jan-06 15:04:05 MST|Monday, 02-Jan-06 15:04:05 -0700",
    "2006-01-02T15:04:05Z07:00|2006-01-02T15:04:05-07:00",
    "2006-01-02T15:04:05.999999999Z07:00|2006-01-02T15:04:05.123456789-07:00",
    "3:04PM|3:04PM",
    "Jan _2 15:04:05.000|Jan  2 15:04:05.123",
    "2006-01-02 15:04:05.000000|2006-01-02 15:04:05.123456",
    "January 2, 2006 at 03:04:05 pm|January 2, 2006 at 03:04:05 pm",
    "__2 002 -07 -07:00:00 Z0700|'  2 002 -07 -07:00:00 -0700'",
    "Janet Monique_2006|Janet Monique_2006",
    "20060102150405|20060102150405",
    "06/1/2 4:5 PM|06/1/2 4:5 PM"
  })
  void formatsGoLayouts(String layout, String expected) {
    assertThat(GoLayout.format(layout, REFERENCE)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "2006-01-02T15:04:05Z07:00|2021-11-02T10:30:00Z|2021-11-02T10:30Z",
    "2006-01-02T15:04:05Z07:00|2021-11-02T10:30:00+02:00|2021-11-02T10:30+02:00",
    "2006-01-02T15:04:05.999999999Z07:00|2021-11-02T10:30:00.5-03:30|2021-11-02T10:30:00.500-03:30",
    "2006-01-02 15:04:05|2021-11-02 10:30:00.123|2021-11-02T10:30:00.123Z",
    "02/01/2006 3PM|07/03/2022 12AM|2022-03-07T00:00Z",
    "Jan _2 2006|Mar  7 2022|2022-03-07T00:00Z",
    "2006-002|2024-060|2024-02-29T00:00Z",
    "06-1-2|69-1-2|1969-01-02T00:00Z",
    "06-1-2|68-1-2|2068-01-02T00:00Z"
  })
  void parsesGoLayouts(String layout, String value, String expected) {
    assertThat(GoTimeParser.parse(layout, value, ZoneOffset.UTC).value().toOffsetDateTime())
        .hasToString(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "2006-01-02|2021-13-01|month out of range",
    "2006-01-02|2021-02-30|day out of range",
    "2006-01-02|2021-1-02|cannot parse \"1-02\" as \"01\"",
    "2006-01-02|2021-01-02 extra|extra text",
    "15:04 PM|10:30 pm|cannot parse \"pm\" as \"PM\""
  })
  void rejectsWhatGoRejects(String layout, String value, String message) {
    assertThatThrownBy(() -> GoTimeParser.parse(layout, value, ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
