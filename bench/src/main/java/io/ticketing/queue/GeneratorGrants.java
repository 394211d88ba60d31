package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import io.ticketing.bench.Bench;

/**
 * Admission passes signed in the load generator's JVM with the key the service process is given
 * ({@link Bench#AUTH}), so that holds can be measured without walking the waiting room first.
 */
public final class GeneratorGrants {

    /** The queue's defaults, as the service process runs them: only the stream tickets' lifetime is read. */
    private static final QueueProperties QUEUE = Binder.get(new StandardEnvironment()).bindOrCreate("ticketing.queue", QueueProperties.class);
    private static final AdmissionPasses PASSES = new AdmissionPasses(Bench.AUTH, QUEUE, Clock.systemUTC());

    private GeneratorGrants() {
    }

    /** A pass for {@code userId} to hold seats of {@code eventId}, valid for an hour. */
    public static String pass(long userId, long eventId) {
        return PassesForTests.pass(PASSES, userId, eventId, Instant.now().plus(Duration.ofHours(1)));
    }
}
