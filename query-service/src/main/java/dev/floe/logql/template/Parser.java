package dev.floe.logql.template;

import dev.floe.logql.template.Node.Arg;
import dev.floe.logql.template.Node.Branch;
import dev.floe.logql.template.Node.Chain;
import dev.floe.logql.template.Node.Command;
import dev.floe.logql.template.Node.Constant;
import dev.floe.logql.template.Node.Control;
import dev.floe.logql.template.Node.Field;
import dev.floe.logql.template.Node.Pipe;
import dev.floe.logql.template.Node.Variable;
import dev.floe.logql.template.Token.Kind;
import dev.floe.lang.GoStrings;
import dev.floe.lang.ParseLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the parse tree from tokens as Go's text/template parser does, resolving functions and variables. */
final class Parser {
  private final String input;
  private final List<Token> tokens;
  private final Map<String, Func> functions;
  private final List<String> variables = new ArrayList<>(List.of("$"));
  private int next;
  private int rangeDepth;
  private int depth;

  private Parser(String input, Map<String, Func> functions) {
    this.input = input;
    this.tokens = Lexer.lex(input);
    this.functions = functions;
  }

  static List<Node> parse(String input, Map<String, Func> functions) {
    Parser parser = new Parser(input, functions);
    List<Node> nodes = new ArrayList<>();
    while (parser.peek().kind() != Kind.EOF) {
      Token t = parser.peek();
      Object item = parser.textOrAction();
      if (item instanceof String keyword) {
        throw parser.error(t, "unexpected {{" + keyword + "}}");
      }
      nodes.add((Node) item);
    }
    return nodes;
  }

  /** Formats a parse error as Go does: {@code template: line:LINE: message}. */
  static IllegalArgumentException error(String input, int pos, String message) {
    return new IllegalArgumentException("template: line:" + lineOf(input, pos) + ": " + message);
  }

  static int lineOf(String input, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < input.length(); i++) {
      if (input.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A node, or the keyword that ends a list ({@code else}, {@code end}) for the caller to handle. */
  private Object textOrAction() {
    Token t = take();
    if (t.kind() == Kind.TEXT) {
      return new Node.Text(t.text());
    }
    Token first = peek();
    if (first.kind() == Kind.KEYWORD) {
      take();
      return switch (first.text()) {
        case "if" -> control(Control.IF, first);
        case "with" -> control(Control.WITH, first);
        case "range" -> control(Control.RANGE, first);
        case "else", "end" -> first.text();
        case "break", "continue" -> jump(first);
        default -> throw error(first, "{{" + first.text() + "}} is not supported in Loki templates");
      };
    }
    Pipe pipe = pipeline("command", Kind.RIGHT_DELIM);
    return new Node.Action(pipe);
  }

  private Node jump(Token keyword) {
    if (rangeDepth == 0) {
      throw error(keyword, "{{" + keyword.text() + "}} outside {{range}}");
    }
    expect(Kind.RIGHT_DELIM, keyword.text());
    return new Node.Jump(keyword.text().equals("break"));
  }

  private Node control(Control control, Token keyword) {
    enter(keyword);
    try {
      return branch(control, keyword);
    } finally {
      depth--;
    }
  }

  /**
   * One level deeper into nested actions and parenthesized pipelines, which parsing and evaluation recurse
   * through: bounded as query expressions are, so that a template cannot exhaust the stack.
   */
  private void enter(Token at) {
    if (++depth > ParseLimits.DEFAULT.maxDepth()) {
      throw error(at, "nested too deeply: more than " + ParseLimits.DEFAULT.maxDepth() + " levels");
    }
  }

  private Node branch(Control control, Token keyword) {
    int mark = variables.size();
    String context = control.name().toLowerCase();
    Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
    if (control == Control.RANGE) {
      rangeDepth++;
    }
    List<Node> body = new ArrayList<>();
    String end = list(body, keyword);
    if (control == Control.RANGE) {
      rangeDepth--;
    }
    List<Node> otherwise = List.of();
    if (end.equals("else")) {
      Token afterElse = peek();
      boolean chained = afterElse.kind() == Kind.KEYWORD
          && (control == Control.IF && afterElse.text().equals("if")
              || control == Control.WITH && afterElse.text().equals("with"));
      if (chained) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing one {{end}}.
        take();
        otherwise = List.of(control(control, afterElse));
      } else {
        expect(Kind.RIGHT_DELIM, "else");
        List<Node> elseBody = new ArrayList<>();
        if (!list(elseBody, keyword).equals("end")) {
          throw error(keyword, "expected end; found {{else}}");
        }
        otherwise = elseBody;
      }
    }
    variables.subList(mark, variables.size()).clear();
    return new Branch(control, pipe, body, otherwise);
  }

  /** Parses nodes until {{else}} or {{end}} and returns which; the {{end}} action is consumed. */
  private String list(List<Node> into, Token opener) {
    while (true) {
      if (peek().kind() == Kind.EOF) {
        throw error(peek(), "unexpected EOF");
      }
      Object item = textOrAction();
      if (item instanceof String keyword) {
        if (keyword.equals("end")) {
          expect(Kind.RIGHT_DELIM, "end");
        }
        return keyword;
      }
      into.add((Node) item);
    }
  }

  private Pipe pipeline(String context, Kind end) {
    List<String> declared = new ArrayList<>();
    boolean assign = false;
    if (peek().kind() == Kind.VARIABLE) {
      Token after = tokens.get(next + 1);
      if (after.kind() == Kind.DECLARE || after.kind() == Kind.ASSIGN) {
        Token v = take();
        take();
        assign = after.kind() == Kind.ASSIGN;
        if (assign && !variables.contains(v.text())) {
          throw error(v, "undefined variable " + GoStrings.quote(v.text()));
        }
        declared.add(v.text());
      } else if (after.kind() == Kind.COMMA) {
        if (!context.equals("range")) {
          throw error(after, "too many declarations in " + context);
        }
        Token first = take();
        take();
        Token second = take();
        Token op = take();
        if (second.kind() != Kind.VARIABLE || (op.kind() != Kind.DECLARE && op.kind() != Kind.ASSIGN)) {
          throw error(second, "range can only initialize variables");
        }
        assign = op.kind() == Kind.ASSIGN;
        declared.add(first.text());
        declared.add(second.text());
      }
    }
    List<Command> commands = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == end) {
        take();
        break;
      }
      if (!startsOperand(t)) {
        throw unexpected(t, context);
      }
      commands.add(command());
    }
    if (commands.isEmpty()) {
      throw error(peekBack(), "missing value for " + context);
    }
    for (int i = 1; i < commands.size(); i++) {
      Arg first = commands.get(i).args().get(0);
      if (first instanceof Constant || first instanceof Node.Dot || first instanceof Node.Nil) {
        throw error(peekBack(), "non executable command in pipeline stage " + (i + 1));
      }
    }
    if (!assign) {
      variables.addAll(declared);
    }
    return new Pipe(List.copyOf(declared), assign, List.copyOf(commands));
  }

  private static boolean startsOperand(Token t) {
    return switch (t.kind()) {
      case BOOL, CHAR, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE, LEFT_PAREN -> true;
      default -> false;
    };
  }

  private Command command() {
    List<Arg> args = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    while (true) {
      int start = peek().pos();
      args.add(operand());
      positions.add(start);
      sources.add(input.substring(start, peekBack().pos() + peekBack().text().length()));
      Token t = peek();
      if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN) {
        break;
      }
      if (t.kind() == Kind.PIPE) {
        take();
        break;
      }
      if (!t.spaceBefore() || !startsOperand(t)) {
        throw unexpected(t, "operand");
      }
    }
    return new Command(List.copyOf(args), List.copyOf(positions), List.copyOf(sources));
  }

  private Arg operand() {
    Arg term = term();
    if (peek().kind() != Kind.FIELD || peek().spaceBefore()) {
      return term;
    }
    List<String> fields = new ArrayList<>();
    while (peek().kind() == Kind.FIELD && !peek().spaceBefore()) {
      fields.add(take().text().substring(1));
    }
    if (term instanceof Field f) {
      return new Field(concat(f.names(), fields));
    } else if (term instanceof Variable v) {
      return new Variable(v.name(), concat(v.fields(), fields));
    } else if (term instanceof Constant || term instanceof Node.Dot || term instanceof Node.Nil) {
      throw error(peekBack(), "unexpected . after term");
    }
    return new Chain(term, List.copyOf(fields));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private Arg nested(Token paren) {
    enter(paren);
    try {
      return new Node.Nested(pipeline("parenthesized pipeline", Kind.RIGHT_PAREN));
    } finally {
      depth--;
    }
  }

  private Arg term() {
    Token t = take();
    return switch (t.kind()) {
      case IDENTIFIER -> {
        Func func = functions.get(t.text());
        if (func == null) {
          throw error(t, "function " + GoStrings.quote(t.text()) + " not defined");
        }
        yield new Node.Function(func);
      }
      case DOT -> new Node.Dot();
      case NIL -> new Node.Nil();
      case VARIABLE -> {
        if (!variables.contains(t.text())) {
          throw error(t, "undefined variable " + GoStrings.quote(t.text()));
        }
        yield new Variable(t.text(), List.of());
      }
      case FIELD -> new Field(List.of(t.text().substring(1)));
      case BOOL -> new Constant(t.text().equals("true"), t.text(), false, false);
      case STRING, RAW_STRING -> new Constant(Literals.unquote(t.text(), t, this), t.text(), false, false);
      case CHAR -> {
        String s = Literals.unquote(t.text(), t, this);
        if (s.codePointCount(0, s.length()) != 1) {
          throw error(t, "malformed character constant: " + t.text());
        }
        yield new Constant((long) s.codePointAt(0), t.text(), true, true);
      }
      case NUMBER -> Literals.number(t, this);
      case LEFT_PAREN -> nested(t);
      default -> throw unexpected(t, "operand");
    };
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekBack() {
    return tokens.get(Math.max(0, next - 1));
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.EOF) {
      next++;
    }
    return t;
  }

  private void expect(Kind kind, String context) {
    Token t = take();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
  }

  private IllegalArgumentException unexpected(Token t, String context) {
    if (t.kind() == Kind.LEFT_PAREN && context.equals("operand")) {
      return error(t, "unexpected \"(\" in operand");
    }
    return error(t, "unexpected " + t.describe() + " in " + context);
  }

  IllegalArgumentException error(Token t, String message) {
    return error(input, t.pos(), message);
  }
}
