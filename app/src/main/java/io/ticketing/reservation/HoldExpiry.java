package io.ticketing.reservation;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ticketing.config.PeriodicTask;

/**
 * Puts the seats of expired holds, and of offers to the waiting list that passed, back on sale.
 * Every instance sweeps; the conditional HELD → EXPIRED (OFFERED → PASSED) update lets exactly one
 * of them release each. Released seats reach the event's live counts at once, and through them
 * the waiting room, which admits by seats left; the waiting list's sweep offers them again.
 */
@Component
class HoldExpiry extends PeriodicTask {

    private static final int SWEEP_LIMIT = 500;

    private final ReservationRepository reservations;
    private final ReservationService service;
    private final ReservationProperties properties;
    private final Clock clock;

    HoldExpiry(ReservationRepository reservations, ReservationService service, ReservationProperties properties, Clock clock) {
        this.reservations = reservations;
        this.service = service;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Releases every hold past its deadline, and passes every offer to the waiting list past its
     * own (up to a batch of each); answers how many this instance ended.
     */
    Mono<Long> sweep() {
        return reservations.expired(ReservationStatus.HELD, clock.instant(), SWEEP_LIMIT)
            .concatMap(reservation -> service.release(reservation, ReservationStatus.EXPIRED))
            .concatWith(Flux.defer(() -> reservations.expired(ReservationStatus.OFFERED, clock.instant(), SWEEP_LIMIT)).concatMap(service::pass))
            .filter(Boolean::booleanValue)
            .count();
    }

    @Override
    protected Duration period() {
        return properties.expirySweep();
    }

    @Override
    protected Mono<?> runOnce() {
        return sweep();
    }
}
