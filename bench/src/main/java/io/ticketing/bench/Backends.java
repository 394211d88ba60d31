package io.ticketing.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.r2dbc.spi.ConnectionFactories;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The load generator's own connections to the MariaDB and Redis the service process uses, found
 * from the same environment variables and defaults as the service's application.yml. They seed
 * data, probe and check, never carry the measured load; blocking on them is fine in this JVM.
 */
public final class Backends {

    private Backends() {
    }

    public static final String DB_HOST = env("DB_HOST", "127.0.0.1");
    public static final String DB_PORT = env("DB_PORT", "3306");
    public static final String DB_USER = env("DB_USER", "root");
    public static final String DB_PASSWORD = env("DB_PASSWORD", "");
    public static final String REDIS_HOST = env("REDIS_HOST", "127.0.0.1");
    public static final int REDIS_PORT = Integer.parseInt(env("REDIS_PORT", "6379"));

    /** A small pool on {@code database}, which the service's migrations create when it starts. */
    public static DatabaseClient database(String database) {
        return DatabaseClient.create(ConnectionFactories.get("r2dbc:pool:mysql://" + DB_USER + ":" + DB_PASSWORD + "@" + DB_HOST + ":" + DB_PORT
            + "/" + database + "?maxSize=4"));
    }

    /** JDBC, for bulk seeding with batched inserts. */
    public static Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + DB_HOST + ":" + DB_PORT + "/" + database
            + "?rewriteBatchedStatements=true&allowPublicKeyRetrieval=true", DB_USER, DB_PASSWORD);
    }

    /** Redis database {@code database} of the server the service uses. */
    public static StringRedisTemplate redis(int database) {
        return new StringRedisTemplate(connections(database));
    }

    /**
     * Empties Redis database {@code database}, before a service starts on it: waiting rooms left by
     * an earlier run would keep the admission ticker busy and distort this run's figures.
     */
    public static void emptyRedis(int database) {
        LettuceConnectionFactory connections = connections(database);
        try (var connection = connections.getConnection()) {
            connection.serverCommands().flushDb();
        }
        finally {
            connections.destroy();
        }
    }

    private static LettuceConnectionFactory connections(int database) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(REDIS_HOST, REDIS_PORT);
        server.setPassword(env("REDIS_PASSWORD", ""));
        server.setDatabase(database);
        LettuceConnectionFactory connections = new LettuceConnectionFactory(server);
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
