package io.ticketing;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Starts every run of the suite on an empty test database. Runs share one MariaDB and the tests move
 * their clocks ahead, so holds left by an earlier run look expired to a later one and crowd its
 * sweeps; no test may depend on what earlier runs left behind. Once per JVM: later test contexts,
 * and the extra instances some tests start, share the database this run has been filling.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanTestDatabase {

    private static final AtomicBoolean cleaned = new AtomicBoolean();

    @Bean
    FlywayMigrationStrategy cleanOncePerRunThenMigrate(@Value("${ticketing.db.name}") String database) {
        return flyway -> {
            if ("ticketing".equals(database)) {
                throw new IllegalStateException("Tests must not run on the service's own database, ticketing");
            }
            if (cleaned.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }
}
