package dev.floe.traceql;

/**
 * An attribute or intrinsic reference. {@code text} is the TraceQL spelling ({@code resource.service.name},
 * {@code span:name}, {@code duration}), which Tempo uses as the label and attribute key in answers.
 */
public record Attribute(AttributeScope scope, String name, Intrinsic intrinsic, boolean parent, String text)
    implements FieldExpr {

  public static Attribute intrinsic(Intrinsic intrinsic, String text) {
    return new Attribute(AttributeScope.NONE, text, intrinsic, false, text);
  }

  public static Attribute scoped(AttributeScope scope, String name, boolean parent) {
    String quoted = needsQuotes(name) ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name;
    String text = (parent ? "parent." : "") + (scope == AttributeScope.NONE ? "." : scope.prefix() + ".") + quoted;
    return new Attribute(scope, name, null, parent, text);
  }

  private static boolean needsQuotes(String name) {
    if (name.isEmpty()) {
      return true;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Lexer.isAttributeChar(name.charAt(i)) || name.charAt(i) == '"') {
        return true;
      }
    }
    return false;
  }

  public boolean isIntrinsic() {
    return intrinsic != null;
  }

  /** The type the attribute is known to have before evaluation. */
  public StaticType impliedType() {
    return intrinsic == null ? StaticType.ATTRIBUTE : intrinsic.type();
  }

  @Override
  public String toString() {
    return text;
  }
}
