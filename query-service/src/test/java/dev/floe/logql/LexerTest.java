package dev.floe.logql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

  @Test
  void tokensCarryKindTextAndPosition() {
    List<Token> tokens = Lexer.tokenize("rate({a=\"b\"}\n  |~ `x` [5m])");
    assertThat(tokens.stream().map(Token::kind).collect(Collectors.toList()))
        .containsExactly(
            TokenKind.IDENTIFIER, TokenKind.OPEN_PARENTHESIS, TokenKind.OPEN_BRACE, TokenKind.IDENTIFIER,
            TokenKind.EQ, TokenKind.STRING, TokenKind.CLOSE_BRACE, TokenKind.PIPE_MATCH, TokenKind.STRING,
            TokenKind.RANGE, TokenKind.CLOSE_PARENTHESIS, TokenKind.EOF);
    assertThat(tokens.get(7)).isEqualTo(new Token(TokenKind.PIPE_MATCH, "|~", 2, 3));
    assertThat(tokens.get(9)).isEqualTo(new Token(TokenKind.RANGE, "5m", 2, 10));
  }

  @Test
  void tellsNumbersDurationsAndBytesApart() {
    List<Token> tokens = Lexer.tokenize("1.5e3 1h30m 250ms 20MB 1.5KiB 7");
    assertThat(tokens.stream().map(Token::kind).collect(Collectors.toList()))
        .containsExactly(
            TokenKind.NUMBER, TokenKind.DURATION, TokenKind.DURATION, TokenKind.BYTES, TokenKind.BYTES,
            TokenKind.NUMBER, TokenKind.EOF);
  }

  @Test
  void decodesGoEscapesButNotInRawStrings() {
    List<Token> tokens = Lexer.tokenize("\"a\\tb\\u00e9\\\"\" `a\\tb`");
    assertThat(tokens.get(0).text()).isEqualTo("a\tbé\"");
    assertThat(tokens.get(1).text()).isEqualTo("a\\tb");
  }
}
