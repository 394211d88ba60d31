package io.ticketing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where the integration tests find MySQL and Redis. Local services (the usual case, and CI's)
 * win; only when a port is closed and a Docker engine answers does a Testcontainers container
 * stand in, so a laptop with Docker and nothing else installed can still run the suite.
 */
final class LocalServices {

    private static MySQLContainer mysql;
    private static GenericContainer<?> redis;

    private LocalServices() {
    }

    static synchronized void register(DynamicPropertyRegistry registry) {
        String dbHost = env("DB_HOST", "127.0.0.1");
        int dbPort = Integer.parseInt(env("DB_PORT", "3306"));
        if (!reachable(dbHost, dbPort) && dockerAvailable()) {
            if (mysql == null) {
                mysql = new MySQLContainer(DockerImageName.parse("mysql:8.4")).withDatabaseName("ticketing_test");
                mysql.start();
            }
            registry.add("ticketing.db.host", mysql::getHost);
            registry.add("ticketing.db.port", () -> mysql.getMappedPort(3306));
            registry.add("ticketing.db.user", () -> "root");
            registry.add("ticketing.db.password", mysql::getPassword);
        }
        String redisHost = env("REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(env("REDIS_PORT", "6379"));
        if (!reachable(redisHost, redisPort) && dockerAvailable()) {
            if (redis == null) {
                redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
                redis.start();
            }
            registry.add("spring.data.redis.host", redis::getHost);
            registry.add("spring.data.redis.port", () -> redis.getMappedPort(6379));
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
