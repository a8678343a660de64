package dev.floe.logql.template;

/**
 * A template that failed while rendering one line, e.g. comparing a number with a string. Loki keeps the
 * line and sets {@code __error__=TemplateFormatErr}; the message follows Go's {@code template: line:1:5:
 * executing "line" at <eq 1 "a">: error calling eq: incompatible types for comparison}.
 */
public final class TemplateException extends RuntimeException {
  TemplateException(String message) {
    super(message);
  }
}
