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

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ticketing.system.PeriodicTask;

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

    static final Map<String, String> RULES = Map.of(
        "seat in two live reservations", """
            SELECT COUNT(*) FROM reservation_seat rs
            JOIN reservation r ON r.id = rs.reservation_id AND r.status IN ('HELD', 'CONFIRMED')
            JOIN reservation_seat other ON other.seat_id = rs.seat_id AND other.reservation_id <> rs.reservation_id
            JOIN reservation o ON o.id = other.reservation_id AND o.status IN ('HELD', 'CONFIRMED')
            WHERE rs.reservation_id > :since""",
        "live reservation not owning its seats", """
            SELECT COUNT(*) FROM reservation r
            JOIN reservation_seat rs ON rs.reservation_id = r.id
            JOIN seat s ON s.id = rs.seat_id
            WHERE r.id > :since AND r.status IN ('HELD', 'CONFIRMED')
              AND (s.reservation_id IS NULL OR s.reservation_id <> r.id
                   OR s.status <> CASE r.status WHEN 'CONFIRMED' THEN 'SOLD' ELSE 'HELD' END)""");

    private final DatabaseClient db;
    private final Map<String, Long> violations = new ConcurrentHashMap<>();

    InvariantWatch(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        RULES.keySet().forEach(rule -> {
            violations.put(rule, 0L);
            Gauge.builder("ticketing.invariant.violations", violations, v -> v.getOrDefault(rule, 0L))
                .description("Rows breaking a sale invariant among the newest reservations").tag("rule", rule).register(meters);
        });
    }

    Mono<Map<String, Long>> check() {
        return db.sql("SELECT COALESCE(MAX(id), 0) FROM reservation").map(row -> row.get(0, Long.class)).one()
            .flatMapMany(newest -> Flux.fromIterable(RULES.entrySet())
                .concatMap(rule -> db.sql(rule.getValue()).bind("since", Math.max(0, newest - RECENT))
                    .map(row -> row.get(0, Long.class)).one()
                    .doOnNext(count -> {
                        violations.put(rule.getKey(), count);
                        if (count > 0) {
                            log.error("Sale invariant broken: {} ({} rows)", rule.getKey(), count);
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
