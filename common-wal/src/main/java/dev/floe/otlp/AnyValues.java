package dev.floe.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Base64;

/**
 * Lossless text form of OTLP {@link AnyValue}s, for columns that are plain strings.
 *
 * <p>A string is stored as is and has no type tag. Every other kind is stored as text plus a tag
 * that rows keep in their {@code value_types} map: {@code bool} ("true"/"false"), {@code int}
 * (decimal), {@code double} ({@link Double#toString(double)}), {@code bytes} (standard base64),
 * {@code array} and {@code kvlist} (the compact OTLP/JSON encoding of the whole AnyValue, for
 * example {@code {"arrayValue":{"values":[{"intValue":"1"}]}}}) and {@code empty} (no value set,
 * stored as ""). These forms are part of the storage format.
 */
public final class AnyValues {
  public static final String BOOL = "bool";
  public static final String INT = "int";
  public static final String DOUBLE = "double";
  public static final String BYTES = "bytes";
  public static final String ARRAY = "array";
  public static final String KVLIST = "kvlist";
  public static final String EMPTY = "empty";

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private AnyValues() {}

  /** The text form of a value; strings are returned as they are. */
  public static String text(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue() ? "true" : "false";
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case DOUBLE_VALUE:
        return Double.toString(value.getDoubleValue());
      case BYTES_VALUE:
        return Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE:
      case KVLIST_VALUE:
        return json(value);
      default:
        // Includes string_value_strindex, which OTLP reserves for profiles and asks other
        // receivers to treat as absent.
        return "";
    }
  }

  /** The type tag of a value, or null for a string. */
  public static String tag(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return null;
      case BOOL_VALUE:
        return BOOL;
      case INT_VALUE:
        return INT;
      case DOUBLE_VALUE:
        return DOUBLE;
      case BYTES_VALUE:
        return BYTES;
      case ARRAY_VALUE:
        return ARRAY;
      case KVLIST_VALUE:
        return KVLIST;
      default:
        return EMPTY;
    }
  }

  /**
   * Rebuilds the value from its text form and tag (null for a string).
   *
   * @throws IllegalArgumentException if the tag is unknown or the text is not a valid form for it
   */
  public static AnyValue decode(String text, String tag) {
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    if (tag == null) {
      return AnyValue.newBuilder().setStringValue(text).build();
    }
    switch (tag) {
      case BOOL:
        if (text.equals("true") || text.equals("false")) {
          return AnyValue.newBuilder().setBoolValue(text.equals("true")).build();
        }
        throw invalid(tag, text, null);
      case INT:
        try {
          return AnyValue.newBuilder().setIntValue(Long.parseLong(text)).build();
        } catch (NumberFormatException e) {
          throw invalid(tag, text, e);
        }
      case DOUBLE:
        try {
          return AnyValue.newBuilder().setDoubleValue(Double.parseDouble(text)).build();
        } catch (NumberFormatException e) {
          throw invalid(tag, text, e);
        }
      case BYTES:
        try {
          return AnyValue.newBuilder()
              .setBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(text)))
              .build();
        } catch (IllegalArgumentException e) {
          throw invalid(tag, text, e);
        }
      case ARRAY:
        return parseJson(text, tag, AnyValue.ValueCase.ARRAY_VALUE);
      case KVLIST:
        return parseJson(text, tag, AnyValue.ValueCase.KVLIST_VALUE);
      case EMPTY:
        if (text.isEmpty()) {
          return AnyValue.getDefaultInstance();
        }
        throw invalid(tag, text, null);
      default:
        throw new IllegalArgumentException("unknown value type tag '" + tag + "'");
    }
  }

  private static String json(AnyValue value) {
    try {
      return PRINTER.print(value);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields without a type registry can fail to print, and AnyValue has none.
      throw new IllegalStateException(e);
    }
  }

  private static AnyValue parseJson(String text, String tag, AnyValue.ValueCase expected) {
    AnyValue.Builder builder = AnyValue.newBuilder();
    try {
      PARSER.merge(text, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw invalid(tag, text, e);
    }
    if (builder.getValueCase() != expected) {
      throw invalid(tag, text, null);
    }
    return builder.build();
  }

  private static IllegalArgumentException invalid(String tag, String text, Exception cause) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return new IllegalArgumentException("not a valid '" + tag + "' value: '" + shown + "'", cause);
  }
}
