package io.ticketing.reservation;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Puts the seats of expired holds back on sale. Every instance sweeps; the conditional
 * HELD → EXPIRED update lets exactly one of them release each hold. Released seats reach the
 * event's live counts at once, and through them the waiting room, which admits by seats left.
 */
@Component
class HoldExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int SWEEP_LIMIT = 500;

    private final ReservationRepository reservations;
    private final ReservationService service;
    private final ReservationProperties properties;
    private final Clock clock;
    private volatile Disposable sweeping;

    HoldExpiry(ReservationRepository reservations, ReservationService service, ReservationProperties properties, Clock clock) {
        this.reservations = reservations;
        this.service = service;
        this.properties = properties;
        this.clock = clock;
    }

    /** Releases every hold past its deadline (up to a batch); answers how many this instance released. */
    Mono<Long> sweep() {
        return reservations.expiredHolds(clock.instant(), SWEEP_LIMIT)
            .concatMap(reservation -> service.release(reservation, "EXPIRED"))
            .filter(Boolean::booleanValue)
            .count();
    }

    @Override
    public void start() {
        sweeping = Flux.interval(properties.expirySweep())
            .onBackpressureDrop()
            .concatMap(tick -> sweep().onErrorResume(e -> {
                log.warn("Hold expiry sweep failed: {}", e.toString());
                return Mono.empty();
            }), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = sweeping;
        if (current != null) {
            current.dispose();
        }
        sweeping = null;
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
