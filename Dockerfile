# syntax=docker/dockerfile:1
# One image for every Floe service: `docker run floe ingest|maintain|query|standalone`, or set
# FLOE_SERVICE. Build with `docker build -t floe .` (or without a daemon: see docs/operations.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY common-wal common-wal
COPY ingest-service ingest-service
COPY maintain-service maintain-service
COPY query-service query-service
COPY standalone standalone
COPY bench/pom.xml bench/
# Tests run in CI (mvn -B verify); the image build only packages. The standalone module depends on
# every service, so its runtime class path (target/lib) is the image's.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl standalone -am package \
 && mkdir -p /out/libs \
 && cp standalone/target/lib/*.jar standalone/target/standalone-*.jar /out/libs/

FROM eclipse-temurin:17-jre
# uid/gid 10001 as Loki, Tempo and Mimir images; the root file system can be read-only: the JVM,
# Netty and the native libraries of zstd, snappy and SQLite unpack into /tmp only.
RUN groupadd --system --gid 10001 floe \
 && useradd --system --uid 10001 --gid floe --home-dir /app --no-create-home --shell /usr/sbin/nologin floe
COPY --from=build /out/libs /app/libs
COPY deploy/docker/floe /app/bin/floe
ENV FLOE_HOME=/app \
    PATH=/app/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
WORKDIR /tmp
USER 10001:10001
# OTLP gRPC and HTTP, Loki, Tempo, Prometheus, and the admin ports of ingest, maintain and query.
EXPOSE 4317 4318 3100 3200 9090 8081 8082 8083
ENTRYPOINT ["/app/bin/floe"]
