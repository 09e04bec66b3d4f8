# Keygate on a Java 17 JRE. Build the application first (mvn -DskipTests package), then:
#   docker build -t keygate:0.1.0 .
FROM eclipse-temurin:17-jre

ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=true \
    KEYGATE_DATA_DIR=/var/lib/keygate \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

# Quarkus fast-jar layout: dependencies change less often than the application, so they come first.
COPY --chown=10001:10001 target/quarkus-app/lib/ /opt/keygate/lib/
COPY --chown=10001:10001 target/quarkus-app/quarkus/ /opt/keygate/quarkus/
COPY --chown=10001:10001 target/quarkus-app/app/ /opt/keygate/app/
COPY --chown=10001:10001 target/quarkus-app/quarkus-run.jar /opt/keygate/
COPY --chown=10001:10001 bin/keygate /opt/keygate/bin/keygate
ENV KEYGATE_APP=/opt/keygate

RUN mkdir -p /var/lib/keygate && chown 10001:10001 /var/lib/keygate /opt/keygate
VOLUME /var/lib/keygate
USER 10001:10001
# The launcher (docs/operations.md, "Launcher and AOT cache"): on a Java 25+ base this makes the JDK AOT cache of the
# image now (/opt/keygate/keygate.aot, with the image's JVM and JAVA_OPTS), so that every container starts from it;
# on this Java 17 base it only says that there is nothing to make.
RUN /opt/keygate/bin/keygate train
# HTTP, JGroups, JGroups failure detection (JGroups port + 50).
EXPOSE 8080 7800 7850
ENTRYPOINT ["/opt/keygate/bin/keygate"]
