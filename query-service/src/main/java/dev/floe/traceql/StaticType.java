package dev.floe.traceql;

/** The types of TraceQL values; {@link #ATTRIBUTE} is the unknown type of an attribute before evaluation. */
public enum StaticType {
  NIL, INT, FLOAT, STRING, BOOL, DURATION, STATUS, KIND,
  INT_ARRAY, FLOAT_ARRAY, STRING_ARRAY, BOOL_ARRAY,
  ATTRIBUTE;

  public boolean isNumeric() {
    return this == INT || this == FLOAT || this == DURATION;
  }

  public boolean isArray() {
    return this == INT_ARRAY || this == FLOAT_ARRAY || this == STRING_ARRAY || this == BOOL_ARRAY;
  }

  /** The element type of an array type, or this type. */
  public StaticType element() {
    switch (this) {
      case INT_ARRAY: return INT;
      case FLOAT_ARRAY: return FLOAT;
      case STRING_ARRAY: return STRING;
      case BOOL_ARRAY: return BOOL;
      default: return this;
    }
  }

  /** Whether values of the two types can be compared (Tempo's isMatchingOperand). */
  public boolean matches(StaticType other) {
    if (this == ATTRIBUTE || other == ATTRIBUTE || this == other || this == NIL || other == NIL) {
      return true;
    }
    StaticType a = element();
    StaticType b = other.element();
    return a == b || (a.isNumeric() && b.isNumeric());
  }
}
