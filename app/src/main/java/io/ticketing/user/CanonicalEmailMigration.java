package io.ticketing.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * V4: every account under its canonical email, compared byte for byte. Until V3 the email column
 * compared case- and accent-insensitively ({@code utf8mb4_unicode_ci}) while the sign-in limits
 * counted the lower-cased text, so one account answered to many spellings, each with limits of its
 * own. The canonical form needs Java's Unicode normalisation, hence a Java migration.
 * <p>
 * It decides everything before it writes ({@link EmailCollisions#plan}), so existing collisions
 * are reported, never a reason to stop half-way: the column becomes exact first (every value
 * unique under the old comparison is unique under the exact one), then one transaction sets the
 * colliding accounts aside (reported in {@code email_collision} and in the log) and respells the rest.
 * Flyway runs it once, over JDBC, before the service serves anything.
 */
@Component
class CanonicalEmailMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(CanonicalEmailMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "canonical emails";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    /** MySQL commits every DDL statement by itself; the row changes get a transaction of their own below. */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        EmailCollisions.Plan plan = EmailCollisions.plan(accounts(connection));
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE app_user MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL");
            ddl.execute("""
                CREATE TABLE IF NOT EXISTS email_collision (
                    user_id         BIGINT       NOT NULL,
                    email           VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                    canonical_email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                    kept_by_user_id BIGINT       NOT NULL,
                    PRIMARY KEY (user_id)
                ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            write(connection, plan);
            connection.commit();
        }
        catch (Exception e) {
            connection.rollback();
            throw e;
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
        report(plan);
    }

    private static List<EmailCollisions.Account> accounts(Connection connection) throws Exception {
        List<EmailCollisions.Account> accounts = new ArrayList<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery("SELECT id, email FROM app_user ORDER BY id")) {
            while (rows.next()) {
                accounts.add(new EmailCollisions.Account(rows.getLong(1), rows.getString(2)));
            }
        }
        return accounts;
    }

    /** The accounts set aside go first, so that no respelled email meets the old spelling of another. */
    private static void write(Connection connection, EmailCollisions.Plan plan) throws Exception {
        try (PreparedStatement setAside = connection.prepareStatement("UPDATE app_user SET email = ? WHERE id = ?");
             PreparedStatement reported = connection.prepareStatement(
                 "INSERT INTO email_collision (user_id, email, canonical_email, kept_by_user_id) VALUES (?, ?, ?, ?)")) {
            for (EmailCollisions.Collision collision : plan.collisions()) {
                setAside.setString(1, collision.placeholder());
                setAside.setLong(2, collision.id());
                setAside.executeUpdate();
                reported.setLong(1, collision.id());
                reported.setString(2, collision.email());
                reported.setString(3, collision.canonical());
                reported.setLong(4, collision.keptBy());
                reported.executeUpdate();
            }
        }
        try (PreparedStatement respell = connection.prepareStatement("UPDATE app_user SET email = ? WHERE id = ?")) {
            for (EmailCollisions.Rename rename : plan.renames()) {
                respell.setString(1, rename.to());
                respell.setLong(2, rename.id());
                respell.executeUpdate();
            }
        }
    }

    private static void report(EmailCollisions.Plan plan) {
        log.info("Stored {} account emails under their canonical spelling", plan.renames().size());
        for (EmailCollisions.Collision collision : plan.collisions()) {
            log.warn("Account {} ({}) has the canonical email {} of account {}: set aside as {}, see table email_collision",
                collision.id(), collision.email(), collision.canonical(), collision.keptBy(), collision.placeholder());
        }
    }
}
