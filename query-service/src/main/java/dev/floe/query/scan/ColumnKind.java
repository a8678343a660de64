package dev.floe.query.scan;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** How a table column is decoded and which vector type a batch exposes it as. */
enum ColumnKind {
  /** Strings, fixed and binary values: {@link StringColumn}. */
  STRING,
  LONG,
  INT,
  DOUBLE,
  BOOLEAN,
  /** A {@code timestamptz} (µs) combined with its {@code _nanos} remainder: {@link LongColumn} of nanoseconds. */
  TIMESTAMP,
  /** {@code map<string,string>}: {@link MapColumn}. */
  MAP,
  /**
   * A list of doubles or longs, or of structs whose fields are numbers (ints included), strings
   * (fixed, binary) or {@code map<string,string>}: {@link ListColumn}.
   */
  LIST;

  /** The kind of a column of {@code type}, or null when the scan cannot read it. */
  static ColumnKind of(Type type) {
    switch (type.typeId()) {
      case STRING, FIXED, BINARY:
        return STRING;
      case LONG:
        return LONG;
      case INTEGER:
        return INT;
      case DOUBLE:
        return DOUBLE;
      case BOOLEAN:
        return BOOLEAN;
      case TIMESTAMP:
        return TIMESTAMP;
      case MAP:
        return isStringMap(type) ? MAP : null;
      case LIST:
        Type element = type.asListType().elementType();
        if (isNumber(element)) {
          return LIST;
        }
        return element.isStructType() && element.asStructType().fields().stream().allMatch(f -> isStructField(f.type()))
            ? LIST
            : null;
      default:
        return null;
    }
  }

  /** Whether {@code type} can be a field of the structs of a {@link #LIST} column. */
  private static boolean isStructField(Type type) {
    return isNumber(type) || type.typeId() == Type.TypeID.INTEGER || isBytes(type) || isStringMap(type);
  }

  static boolean isBytes(Type type) {
    return switch (type.typeId()) {
      case STRING, FIXED, BINARY -> true;
      default -> false;
    };
  }

  private static boolean isStringMap(Type type) {
    return type.typeId() == Type.TypeID.MAP
        && type.asMapType().keyType().typeId() == Type.TypeID.STRING
        && type.asMapType().valueType().typeId() == Type.TypeID.STRING;
  }

  private static boolean isNumber(Type type) {
    return type.typeId() == Type.TypeID.DOUBLE || type.typeId() == Type.TypeID.LONG;
  }
}
