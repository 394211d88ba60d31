# syntax=docker/dockerfile:1

# Build with the Maven wrapper, so the image builds the same way as a developer's machine.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY app/pom.xml app/pom.xml
# The reactor lists every module; only their POMs are needed to build the app alone, and the
# sources of test-support, which the app's tests compile with their own.
COPY app/test-support/pom.xml app/test-support/pom.xml
COPY loadtest/pom.xml loadtest/pom.xml
COPY deploy/pom.xml deploy/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl app dependency:go-offline -DexcludeClassifiers=osx-x86_64,osx-aarch_64,windows-x86_64 || true
COPY deploy deploy
COPY app/src app/src
COPY app/test-support/src app/test-support/src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl app package -DskipTests \
 && java -Djarmode=tools -jar app/target/ticketing.jar extract --layers --destination /layers

# Run on a JRE as an unprivileged user; dependencies sit in their own layers so a code change
# rebuilds only the small application layer.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 ticketing \
 && useradd --system --uid 10001 --gid ticketing --no-create-home --shell /usr/sbin/nologin ticketing
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Size the heap from the container's memory limit rather than the host's. G1 by name: under 2 GiB the
# JVM would pick the serial collector, whose full collections stop every open stream at once; and
# G1's string deduplication keeps one copy of the text thousands of streams repeat (their requests'
# header values, URL parts, token claims): with 18,000 streams in a 512 MiB heap their updates'
# lag p99 was 0.74-0.76 s in three runs with it, 1.9 s in a run without it (docs/benchmarks-history.md).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:+UseStringDeduplication -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom"
# A CDS archive of the classes start-up loads, as Spring Boot documents it: a training run that
# refreshes the context and exits (no web server, no Redis listener, no migration, so neither
# MySQL nor Redis need exist here), its classes dumped at exit. Start-up then maps them instead of
# loading and verifying them again (docs/benchmarks-history.md, "Start-up", has the figures).
RUN java -XX:ArchiveClassesAtExit=ticketing.jsa -Dspring.context.exit=onRefresh -Dspring.flyway.enabled=false -jar ticketing.jar \
 && chown root:root ticketing.jsa && chmod 444 ticketing.jsa
# The image is production's: whoever runs it without saying otherwise gets the prod profile, whose
# guard refuses the development secrets and every secret committed to the repository (a profile
# left unset would fall back to the public development JWT key). The class-data step above ran
# without it, since it has no secrets.
ENV SPRING_PROFILES_ACTIVE=prod
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=ticketing.jsa", "-jar", "ticketing.jar"]
