package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.ticketing.bench.Bench;

/**
 * Admission passes signed in the load generator's JVM with the key the service process is given
 * ({@link Bench#AUTH}), so that holds can be measured without walking the waiting room first.
 */
public final class GeneratorGrants {

    private static final AdmissionPasses PASSES = new AdmissionPasses(Bench.AUTH, Clock.systemUTC());

    private GeneratorGrants() {
    }

    /** A pass for {@code userId} to hold seats of {@code eventId}, valid for an hour. */
    public static String pass(long userId, long eventId) {
        return PassesForTests.pass(PASSES, userId, eventId, Instant.now().plus(Duration.ofHours(1)));
    }
}
