package io.ticketing.loadtest;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests against a fresh copy of the service's schema (see {@link TestDatabase}). */
abstract class DatabaseTest {

    static Connection db;

    @BeforeAll
    static void database() throws SQLException {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }
}
