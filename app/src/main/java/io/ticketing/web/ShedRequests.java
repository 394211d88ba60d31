package io.ticketing.web;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Requests this instance refused with 503 {@code overloaded} since it started: load it shed to keep
 * serving what it had (bulkheads, stream slots, timeouts of an instance too busy to hear Redis).
 * Counted where every problem is written ({@link ProblemWriter}), so no refusal is missed.
 */
@Component
public class ShedRequests {

    private static final URI OVERLOADED = Problems.type("overloaded");

    private final AtomicLong count = new AtomicLong();

    void written(ProblemDetail problem) {
        if (OVERLOADED.equals(problem.getType())) {
            count.incrementAndGet();
        }
    }

    public long total() {
        return count.get();
    }
}
