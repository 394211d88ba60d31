package io.ticketing.reservation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ticketing.reservation.ReservationRepository.Invariant;
import io.ticketing.config.PeriodicTask;

/**
 * Re-checks the sale's invariants on the most recent reservations every minute and exports what
 * it finds as {@code ticketing_invariant_violations{rule}}, which pages when above zero. The
 * schema and the conditional updates make these impossible; this is how an operator learns the
 * day something (a hand-made fix, a migration) makes them possible after all.
 */
@Component
class InvariantWatch extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(InvariantWatch.class);
    private static final Duration EVERY = Duration.ofMinutes(1);
    /** Looks at this many of the newest reservations: bounded work however long the sale runs. */
    static final int RECENT = 100_000;

    private final ReservationRepository reservations;
    private final Map<Invariant, Long> violations = new ConcurrentHashMap<>();

    InvariantWatch(ReservationRepository reservations, MeterRegistry meters) {
        this.reservations = reservations;
        for (Invariant invariant : Invariant.values()) {
            violations.put(invariant, 0L);
            Gauge.builder("ticketing.invariant.violations", violations, v -> v.getOrDefault(invariant, 0L))
                .description("Rows breaking a sale invariant among the newest reservations").tag("rule", invariant.rule).register(meters);
        }
    }

    Mono<Map<Invariant, Long>> check() {
        return reservations.newestId()
            .flatMapMany(newest -> Flux.fromArray(Invariant.values())
                .concatMap(invariant -> reservations.violations(invariant, Math.max(0, newest - RECENT))
                    .doOnNext(count -> {
                        violations.put(invariant, count);
                        if (count > 0) {
                            log.error("Sale invariant broken: {} ({} rows)", invariant.rule, count);
                        }
                    })))
            .then(Mono.fromSupplier(() -> Map.copyOf(violations)));
    }

    @Override
    protected Duration period() {
        return EVERY;
    }

    @Override
    protected Mono<?> runOnce() {
        return check();
    }
}
