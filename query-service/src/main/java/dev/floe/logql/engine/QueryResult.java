package dev.floe.logql.engine;

/** A query's value and what it cost. */
public record QueryResult(QueryValue value, QueryStats stats) {}
