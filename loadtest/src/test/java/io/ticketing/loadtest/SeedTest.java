package io.ticketing.loadtest;

import static io.ticketing.loadtest.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class SeedTest extends DatabaseTest {

    @Test
    void seedingResumesWhereItStopped() throws SQLException {
        Seed seed = new Seed(db, 1_000);

        assertThat(seed.users(1_500)).isEqualTo(1_500);
        assertThat(seed.users(2_500)).isEqualTo(1_000);
        assertThat(seed.users(2_000)).isZero();

        assertThat(count(db, "SELECT COUNT(*) FROM app_user WHERE email LIKE 'loadtest-%'")).isEqualTo(2_500);
        assertThat(count(db, "SELECT COUNT(DISTINCT email) FROM app_user WHERE email LIKE 'loadtest-%'")).isEqualTo(2_500);
        assertThat(count(db, "SELECT COUNT(*) FROM app_user WHERE email IN ('loadtest-1@example.com', 'loadtest-2500@example.com')"))
            .isEqualTo(2);
    }

    @Test
    void seededEventsAreSearchableAndResumable() throws SQLException {
        Seed seed = new Seed(db, 700);

        assertThat(seed.events(1_000)).isEqualTo(1_000);
        assertThat(seed.events(1_200)).isEqualTo(200);

        assertThat(count(db, "SELECT COUNT(*) FROM event WHERE venue = 'Loadtest Arena'")).isEqualTo(1_200);
        assertThat(count(db, "SELECT COUNT(DISTINCT name) FROM event WHERE venue = 'Loadtest Arena'")).isEqualTo(1_200);
        assertThat(count(db, "SELECT COUNT(*) FROM event WHERE venue = 'Loadtest Arena' AND name LIKE 'Midnight%'")).isEqualTo(100);
        assertThat(count(db, "SELECT COUNT(*) FROM event WHERE venue = 'Loadtest Arena' AND sales_open_at < sales_close_at "
            + "AND sales_close_at < starts_at")).isEqualTo(1_200);
    }

    @Test
    void seededBuyersSignInWithTheLoadTestPassword() throws SQLException {
        new Seed(db, 1_000).users(1);

        try (var query = db.prepareStatement("SELECT password_hash FROM app_user WHERE email = ?")) {
            query.setString(1, Seed.email(1));
            try (var row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(BCrypt.checkpw(Seed.PASSWORD, row.getString(1))).isTrue();
                assertThat(BCrypt.checkpw("another-password", row.getString(1))).isFalse();
            }
        }
    }
}
