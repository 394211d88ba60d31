package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.ticketing.LocalServices;

/**
 * V4 on a database that V1-V3 filled: run for real against MariaDB, in a scratch database of its own
 * beside the suite's (so that runs with their own TEST_DB_NAME never share it).
 * Under V1's case- and accent-insensitive column, spellings that are one canonical email could stand
 * side by side (MariaDB's unicode_ci gives every character outside the BMP one weight, so
 * {@code 𝐯ictim} was not {@code victim}); the migration reports them and carries on.
 */
class CanonicalEmailMigrationTest {

    private static final String MATH_V = "\uD835\uDC2F";

    private static final LocalServices.Database SERVER = LocalServices.database();

    private final DriverManagerDataSource database = new DriverManagerDataSource(
        SERVER.jdbcUrl(env("TEST_DB_NAME", "ticketing_test") + "_migration"), SERVER.user(), SERVER.password());
    private final JdbcTemplate sql = new JdbcTemplate(database);

    @BeforeEach
    void databaseAtV3WithCollidingSpellings() {
        flyway().cleanDisabled(false).target("3").load().clean();
        flyway().target("3").load().migrate();
        insert(1, "victim@example.com");
        insert(2, MATH_V + "ictim@example.com");
        insert(3, "ｏｔｈｅｒ@example.com");
    }

    @Test
    void collidingAccountsAreSetAsideAndReportedAndTheRestRespelled() {
        flyway().load().migrate();

        assertThat(emails()).containsExactly("victim@example.com", "COLLISION-2@INVALID", "other@example.com");
        assertThat(sql.queryForMap("SELECT user_id, email, canonical_email, kept_by_user_id FROM email_collision")).isEqualTo(Map.of(
            "user_id", 2L, "email", MATH_V + "ictim@example.com", "canonical_email", "victim@example.com", "kept_by_user_id", 1L));
    }

    @Test
    void afterwardsTheEmailComparesExactly() {
        flyway().load().migrate();

        assertThat(sql.queryForObject("SELECT COUNT(*) FROM app_user WHERE email = 'VICTIM@example.com'", Long.class)).isZero();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(database).javaMigrations(new CanonicalEmailMigration());
    }

    private void insert(long id, String email) {
        sql.update("INSERT INTO app_user (id, email, name, password_hash, role, created_at) VALUES (?, ?, 'Someone', 'hash', 'USER', NOW(6))",
            id, email);
    }

    private List<String> emails() {
        return sql.queryForList("SELECT email FROM app_user ORDER BY id", String.class);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
