package dev.floe.logql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrecedenceTest {

  // The expected trees are written with full parentheses; both must parse to the same tree.
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("1 + 2 * 3", "1 + (2 * 3)"),
        Arguments.of("1 * 2 + 3", "(1 * 2) + 3"),
        Arguments.of("2 * 3 ^ 2", "2 * (3 ^ 2)"),
        Arguments.of("2 ^ 3 ^ 2", "2 ^ (3 ^ 2)"),
        Arguments.of("1 - 2 - 3", "(1 - 2) - 3"),
        Arguments.of("8 / 4 % 3", "(8 / 4) % 3"),
        Arguments.of("1 + 2 > 2 * 1", "(1 + 2) > (2 * 1)"),
        Arguments.of("vector(1) > 1 and vector(2) < 3", "(vector(1) > 1) and (vector(2) < 3)"),
        Arguments.of("vector(1) or vector(2) and vector(3)", "vector(1) or (vector(2) and vector(3))"),
        Arguments.of("vector(1) or vector(2) unless vector(3)", "vector(1) or (vector(2) unless vector(3))"),
        Arguments.of("vector(1) and vector(2) unless vector(3)", "(vector(1) and vector(2)) unless vector(3)"),
        Arguments.of("-2 ^ 2", "(-2) ^ 2"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bindsAsPromql(String query, String parenthesized) {
    assertThat(LogqlParser.parse(query)).isEqualTo(LogqlParser.parse(parenthesized));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void printsOnlyTheParenthesesPrecedenceNeeds(String query, String parenthesized) {
    Expr tree = LogqlParser.parse(parenthesized);
    assertThat(tree.toString()).isEqualTo(query);
    assertThat(LogqlParser.parse(tree.toString())).isEqualTo(tree);
  }
}
