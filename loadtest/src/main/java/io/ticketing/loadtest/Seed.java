package io.ticketing.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Bulk data for load tests, written by the database itself: every chunk is one
 * {@code INSERT … SELECT} over the schema's 1..1000 number table, so a million rows never cross
 * the network one by one. Each chunk is one statement, hence all-or-nothing, which makes seeding
 * resumable: a second run counts what is there and carries on from it.
 *
 * <ul>
 * <li>Buyers {@code loadtest-<n>@example.com} with password {@value #PASSWORD}. Their hashes use
 * BCrypt cost 4 (the service checks any cost): a sign-in then measures the sale's path, not a
 * 75 ms hash per virtual user on a shared 2-core machine.</li>
 * <li>Catalogue events at venue {@value #VENUE}, spread over two years, with searchable names.
 * They carry no seat maps (ten million events times a venue's seats would be billions of rows);
 * the catalogue scenario reads listing, search and detail, which do not need them.</li>
 * </ul>
 *
 * <pre>./mvnw -q -pl loadtest exec:java -Dexec.mainClass=io.ticketing.loadtest.Seed -Dexec.args="--users 1000000 --events 10000000"</pre>
 */
public final class Seed {

    static final String PASSWORD = "loadtest-password";
    static final String EMAIL_PREFIX = "loadtest-";
    static final String VENUE = "Loadtest Arena";
    private static final int CHUNK = 100_000;

    private final Connection db;
    private final int chunk;

    Seed(Connection db, int chunk) {
        this.db = db;
        this.chunk = chunk;
    }

    public static void main(String[] args) throws SQLException {
        Options options = new Options(args);
        long users = options.number("users", 10_000);
        long events = options.number("events", 100_000);
        try (Connection db = DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword())) {
            Seed seed = new Seed(db, (int) options.number("chunk", CHUNK));
            seed.users(users);
            seed.events(events);
        }
    }

    static String email(long n) {
        return EMAIL_PREFIX + n + "@example.com";
    }

    /** Buyers 1..target; returns how many were added. */
    long users(long target) throws SQLException {
        long done = count("SELECT COUNT(*) FROM (SELECT 1 FROM app_user WHERE email LIKE 'loadtest-%' LIMIT " + target + ") seeded");
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        return fill("users", done, target, (from, size) -> {
            // INSERT IGNORE: the count is a starting point, the unique email is the guarantee.
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT IGNORE INTO app_user (email, name, password_hash, role, created_at)
                    SELECT CONCAT('loadtest-', k, '@example.com'), CONCAT('Buyer ', k), ?, 'USER', UTC_TIMESTAMP(6)
                    FROM (SELECT ? + (a.n - 1) * 1000 + b.n AS k FROM seq_number a CROSS JOIN seq_number b
                          WHERE (a.n - 1) * 1000 + b.n <= ?) numbers""")) {
                insert.setString(1, hash);
                insert.setLong(2, from);
                insert.setLong(3, size);
                insert.executeUpdate();
            }
        });
    }

    /** Catalogue events 1..target; returns how many were added. */
    long events(long target) throws SQLException {
        // Counting stops at the target: a run that needs 100,000 events does not scan ten million.
        long done = count("SELECT COUNT(*) FROM (SELECT 1 FROM event WHERE venue = '" + VENUE + "' LIMIT " + target + ") seeded");
        return fill("events", done, target, (from, size) -> {
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO event (name, venue, starts_at, sales_open_at, sales_close_at, capacity, created_at)
                    SELECT CONCAT(ELT(1 + k % 12, 'Midnight', 'Aurora', 'Harbor', 'Neon', 'Velvet', 'Summit', 'Echo', 'Solar',
                                      'Crimson', 'Silver', 'Wild', 'Golden'), ' ',
                                  ELT(1 + (k DIV 12) % 8, 'Echoes', 'Lights', 'Parade', 'Nights', 'Sessions', 'Festival',
                                      'Symphony', 'Tour'), ' #', k),
                           ?, starts, starts - INTERVAL 60 DAY, starts - INTERVAL 1 HOUR, 1000, UTC_TIMESTAMP(6)
                    FROM (SELECT k, TIMESTAMP('2027-01-01') + INTERVAL (k % 730) DAY + INTERVAL (k % 86400) SECOND AS starts
                          FROM (SELECT ? + (a.n - 1) * 1000 + b.n AS k FROM seq_number a CROSS JOIN seq_number b
                                WHERE (a.n - 1) * 1000 + b.n <= ?) numbers) days""")) {
                insert.setString(1, VENUE);
                insert.setLong(2, from);
                insert.setLong(3, size);
                insert.executeUpdate();
            }
        });
    }

    private interface Chunk {
        void write(long from, long size) throws SQLException;
    }

    private long fill(String what, long done, long target, Chunk chunkWriter) throws SQLException {
        if (done >= target) {
            System.out.printf("%s: %,d already there (asked for %,d)%n", what, done, target);
            return 0;
        }
        System.out.printf("%s: %,d there, adding %,d%n", what, done, target - done);
        long started = System.nanoTime();
        long written = done;
        while (written < target) {
            long size = Math.min(Math.min(chunk, 1_000_000), target - written);
            chunkWriter.write(written, size);
            written += size;
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = (written - done) / seconds;
            System.out.printf("  %s %,d / %,d (%.0f%%)  %,.0f rows/s  eta %.0f s%n", what, written, target, 100.0 * written / target, rate,
                (target - written) / rate);
        }
        return written - done;
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
