package io.ticketing.testsupport;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Buyers written straight to the table, for tests and benchmarks about what buyers do after
 * signing up: seeding thousands through the API would measure BCrypt, not the sale.
 */
public final class TestBuyers {

    private TestBuyers() {
    }

    /**
     * {@code count} buyers written straight to the table as {@code <prefix>-<a>-<b>@example.com}, in
     * one INSERT … SELECT (existing ones are reused, so runs can resume); answers their ids.
     */
    public static long[] seed(DatabaseClient db, String prefix, int count) {
        db.sql("""
                INSERT IGNORE INTO app_user (email, name, password_hash, role, created_at)
                SELECT CONCAT(:prefix, '-', a.n, '-', b.n, '@example.com'), 'Buyer', 'not-a-login', 'USER', NOW(6)
                FROM seq_number a CROSS JOIN seq_number b WHERE a.n <= :hundreds AND b.n <= 100""")
            .bind("prefix", prefix).bind("hundreds", (count + 99) / 100).then().block();
        return db.sql("SELECT id FROM app_user WHERE email LIKE :pattern ORDER BY id LIMIT :count")
            .bind("pattern", prefix + "-%").bind("count", count)
            .map(row -> row.get("id", Long.class)).all().collectList().block().stream().mapToLong(Long::longValue).toArray();
    }
}
