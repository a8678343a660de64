package dev.floe.logql.template;

import dev.floe.logql.template.Node.Arg;
import dev.floe.logql.template.Node.Branch;
import dev.floe.logql.template.Node.Command;
import dev.floe.logql.template.Node.Constant;
import dev.floe.logql.template.Node.Control;
import dev.floe.logql.template.Node.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executes a parse tree for one line, as Go's text/template {@code exec} does. */
final class Evaluator implements Func.Env {
  /** How a list of nodes ended: normally, or by {@code break} or {@code continue} in a range. */
  private enum Flow {
    NORMAL, BREAK, CONTINUE
  }

  /** Marks an omitted final argument: the first command of a pipeline has none. */
  private static final Object MISSING = new Object();

  private final String source;
  private final String line;
  private final long timestampNanos;
  private final StringBuilder out = new StringBuilder();
  private final List<String> names = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  Evaluator(String source, String line, long timestampNanos) {
    this.source = source;
    this.line = line;
    this.timestampNanos = timestampNanos;
  }

  @Override
  public String line() {
    return line;
  }

  @Override
  public long timestampNanos() {
    return timestampNanos;
  }

  String render(List<Node> nodes, LabelMap data) {
    push("$", data);
    walk(data, nodes);
    return out.toString();
  }

  private Flow walk(Object dot, List<Node> nodes) {
    for (Node node : nodes) {
      Flow flow = walk(dot, node);
      if (flow != Flow.NORMAL) {
        return flow;
      }
    }
    return Flow.NORMAL;
  }

  private Flow walk(Object dot, Node node) {
    if (node instanceof Node.Text text) {
      out.append(text.text());
    } else if (node instanceof Node.Action action) {
      Object value = pipeline(dot, action.pipe());
      if (action.pipe().declared().isEmpty()) {
        out.append(value == null ? "<no value>" : GoFormat.print(value));
      }
    } else if (node instanceof Node.Jump jump) {
      return jump.isBreak() ? Flow.BREAK : Flow.CONTINUE;
    } else {
      Branch branch = (Branch) node;
      int mark = names.size();
      try {
        return branch.control() == Control.RANGE ? range(dot, branch) : ifOrWith(dot, branch);
      } finally {
        pop(mark);
      }
    }
    return Flow.NORMAL;
  }

  private Flow ifOrWith(Object dot, Branch branch) {
    Object value = pipeline(dot, branch.pipe());
    if (Values.truth(value)) {
      return walk(branch.control() == Control.WITH ? value : dot, branch.body());
    }
    return walk(dot, branch.otherwise());
  }

  private Flow range(Object dot, Branch branch) {
    Pipe pipe = branch.pipe();
    Object value = pipeline(dot, new Pipe(List.of(), false, pipe.commands()));
    List<Object[]> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(new Object[] {(long) i, list.get(i)});
      }
    } else if (value instanceof Map<?, ?> || value instanceof LabelMap) {
      GoFormat.sorted(value).forEach((k, v) -> items.add(new Object[] {k, v}));
    } else if (value instanceof Long n) {
      if (pipe.declared().size() > 1) {
        throw error(pipe.commands().get(0), "can't use " + n + " to iterate over more than one variable");
      }
      for (long i = 0; i < n; i++) {
        items.add(new Object[] {i, i});
      }
    } else if (value != null) {
      throw error(pipe.commands().get(0), "range can't iterate over " + GoFormat.print(value));
    }
    if (items.isEmpty()) {
      return walk(dot, branch.otherwise());
    }
    List<String> declared = pipe.declared();
    int mark = names.size();
    for (Object[] item : items) {
      if (declared.size() == 1) {
        bind(declared.get(0), item[1], pipe.assign());
      } else if (declared.size() == 2) {
        bind(declared.get(0), item[0], pipe.assign());
        bind(declared.get(1), item[1], pipe.assign());
      }
      Flow flow = walk(item[1], branch.body());
      pop(mark);
      if (flow == Flow.BREAK) {
        break;
      }
    }
    return Flow.NORMAL;
  }

  private void bind(String name, Object value, boolean assign) {
    if (assign) {
      set(name, value);
    } else {
      push(name, value);
    }
  }

  private Object pipeline(Object dot, Pipe pipe) {
    Object value = MISSING;
    for (Command command : pipe.commands()) {
      value = command(dot, command, value);
    }
    for (String name : pipe.declared()) {
      bind(name, value, pipe.assign());
    }
    return value;
  }

  private Object command(Object dot, Command command, Object last) {
    Arg first = command.args().get(0);
    if (first instanceof Node.Function f) {
      return call(dot, f.func(), command, last);
    }
    if (first instanceof Node.Field field) {
      return fields(dot, dot, field.names(), command, last);
    }
    if (first instanceof Node.Variable v) {
      return fields(dot, variable(v.name()), v.fields(), command, last);
    }
    if (first instanceof Node.Chain chain) {
      return fields(dot, value(dot, chain.operand(), command.at(0)), chain.fields(), command, last);
    }
    if (command.args().size() > 1 || last != MISSING) {
      throw error(command, "can't give argument to non-function " + describe(first));
    }
    if (first instanceof Node.Nil) {
      throw error(command, "nil is not a command");
    }
    return value(dot, first, command.at(0));
  }

  /** Evaluates an operand with no expected type; {@code command} is the operand alone (see Command.at). */
  private Object value(Object dot, Arg arg, Command command) {
    if (arg instanceof Node.Dot) {
      return dot;
    } else if (arg instanceof Node.Nil) {
      return null;
    } else if (arg instanceof Constant c) {
      return c.value();
    } else if (arg instanceof Node.Nested nested) {
      return pipeline(dot, nested.pipe());
    } else if (arg instanceof Node.Function f) {
      return call(dot, f.func(), command, MISSING);
    } else if (arg instanceof Node.Field field) {
      return fields(dot, dot, field.names(), command, MISSING);
    } else if (arg instanceof Node.Variable v) {
      return fields(dot, variable(v.name()), v.fields(), command, MISSING);
    }
    Node.Chain chain = (Node.Chain) arg;
    return fields(dot, value(dot, chain.operand(), command), chain.fields(), command, MISSING);
  }

  /** Looks up {@code names} in turn from {@code receiver}; the last may be a method taking the arguments. */
  private Object fields(Object dot, Object receiver, List<String> names, Command command, Object last) {
    Object value = receiver;
    for (int i = 0; i < names.size(); i++) {
      boolean isLast = i == names.size() - 1;
      boolean hasArgs = isLast && (command.args().size() > 1 || last != MISSING);
      String name = names.get(i);
      if (value instanceof GoTime time && TimeMethods.METHODS.containsKey(name)) {
        Func method = TimeMethods.METHODS.get(name);
        List<Object> args = new ArrayList<>();
        args.add(time);
        if (hasArgs) {
          args.addAll(args(dot, command, last, method.params().subList(1, method.params().size())));
        } else if (method.params().size() > 1) {
          throw error(command, "wrong number of args for " + name + ": want " + (method.params().size() - 1) + " got 0");
        }
        value = method.impl().call(args, this);
        continue;
      }
      if (hasArgs) {
        throw error(command, name + " is not a method but has arguments");
      }
      if (value instanceof LabelMap labels) {
        value = labels.values().getOrDefault(name, "");
      } else if (value instanceof Map<?, ?> map) {
        value = map.get(name);
      } else if (value == null) {
        throw error(command, "nil pointer evaluating interface {}." + name);
      } else {
        throw error(command, "can't evaluate field " + name + " in type " + Values.typeName(value));
      }
    }
    if (names.isEmpty() && (command.args().size() > 1 || last != MISSING)) {
      throw error(command, "can't give argument to non-function " + describe(command.args().get(0)));
    }
    return value;
  }

  private Object call(Object dot, Func func, Command command, Object last) {
    int given = command.args().size() - 1 + (last == MISSING ? 0 : 1);
    if (func.variadic() ? given < func.required() : given != func.params().size()) {
      throw error(command, "wrong number of args for " + func.name() + ": want " + (func.variadic() ? "at least " : "")
          + func.required() + " got " + given);
    }
    if (func.name().equals("and") || func.name().equals("or")) {
      return andOr(dot, func.name().equals("or"), command, last);
    }
    List<Object> args = args(dot, command, last, func);
    try {
      return func.impl().call(args, this);
    } catch (TemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw error(command, "error calling " + func.name() + ": " + e.getMessage());
    }
  }

  /** Go's and/or: evaluates arguments only until the result is known, and returns that argument. */
  private Object andOr(Object dot, boolean or, Command command, Object last) {
    Object value = null;
    for (int i = 1; i < command.args().size(); i++) {
      value = value(dot, command.args().get(i), command.at(i));
      if (Values.truth(value) == or) {
        return value;
      }
    }
    return last == MISSING ? value : last;
  }

  private List<Object> args(Object dot, Command command, Object last, Func func) {
    List<Func.Type> types = new ArrayList<>();
    int count = command.args().size() - 1 + (last == MISSING ? 0 : 1);
    for (int i = 0; i < count; i++) {
      types.add(func.paramType(i));
    }
    return args(dot, command, last, types);
  }

  private List<Object> args(Object dot, Command command, Object last, List<Func.Type> types) {
    List<Arg> args = command.args();
    int count = args.size() - 1 + (last == MISSING ? 0 : 1);
    if (count != types.size()) {
      throw error(command, "wrong number of args for " + describe(args.get(0)) + ": want " + types.size() + " got "
          + count);
    }
    List<Object> values = new ArrayList<>(count);
    for (int i = 1; i < args.size(); i++) {
      values.add(typed(dot, args.get(i), types.get(i - 1), command.at(i)));
    }
    if (last != MISSING) {
      values.add(check(last, types.get(count - 1), command));
    }
    return values;
  }

  /** An argument converted to a parameter type: constants convert, other values must match. */
  private Object typed(Object dot, Arg arg, Func.Type type, Command command) {
    if (arg instanceof Constant c) {
      return switch (type) {
        case ANY -> c.value();
        case STRING -> c.value() instanceof String ? c.value() : fail(command, "expected string; found " + c.source());
        case INT -> c.isInt() ? Values.toInt64(c.value()) : fail(command, "expected integer; found " + c.source());
        case FLOAT -> c.isFloat() ? Values.toFloat64(c.value()) : fail(command, "expected float; found " + c.source());
        case TIME -> fail(command, "can't handle " + c.source() + " for arg of type time.Time");
      };
    }
    if (arg instanceof Node.Nil) {
      return type == Func.Type.ANY ? null : fail(command, "cannot assign nil to " + type.goName);
    }
    return check(value(dot, arg, command), type, command);
  }

  private Object check(Object value, Func.Type type, Command command) {
    boolean ok = switch (type) {
      case ANY -> true;
      case STRING -> value instanceof String;
      case INT -> value instanceof Long;
      case FLOAT -> value instanceof Double;
      case TIME -> value instanceof GoTime;
    };
    if (ok) {
      return value;
    }
    if (value == null) {
      throw error(command, "invalid value; expected " + type.goName);
    }
    throw error(command, "wrong type for value; expected " + type.goName + "; got " + Values.typeName(value));
  }

  private Object fail(Command command, String message) {
    throw error(command, message);
  }

  private Object variable(String name) {
    for (int i = names.size() - 1; i >= 0; i--) {
      if (names.get(i).equals(name)) {
        return values.get(i);
      }
    }
    throw new IllegalStateException("undefined variable " + name);
  }

  private void push(String name, Object value) {
    names.add(name);
    values.add(value);
  }

  private void set(String name, Object value) {
    for (int i = names.size() - 1; i >= 0; i--) {
      if (names.get(i).equals(name)) {
        values.set(i, value);
        return;
      }
    }
    throw new IllegalStateException("undefined variable " + name);
  }

  private void pop(int mark) {
    names.subList(mark, names.size()).clear();
    values.subList(mark, values.size()).clear();
  }

  private static String describe(Arg arg) {
    if (arg instanceof Constant c) {
      return c.source();
    } else if (arg instanceof Node.Dot) {
      return ".";
    } else if (arg instanceof Node.Nil) {
      return "nil";
    } else if (arg instanceof Node.Function f) {
      return f.func().name();
    } else if (arg instanceof Node.Field f) {
      return "." + String.join(".", f.names());
    } else if (arg instanceof Node.Variable v) {
      return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
    }
    return "pipeline";
  }

  /** Go's execution error: {@code template: line:LINE:COL: executing "line" at <NODE>: MESSAGE}. */
  private TemplateException error(Command command, String message) {
    return error(command, 0, message);
  }

  private TemplateException error(Command command, int arg, String message) {
    int pos = command.positions().get(arg);
    int lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    return new TemplateException("template: line:" + Parser.lineOf(source, pos) + ":" + (pos - lineStart)
        + ": executing \"line\" at <" + command.sources().get(arg) + ">: " + message);
  }
}
