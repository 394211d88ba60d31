package io.ticketing.reservation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import reactor.core.publisher.Mono;

import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.Guards;

/**
 * The design this service replaced, reproduced for side-by-side comparison with the pipeline and
 * never for a real sale: one transaction per hold that first locks the event's row
 * ({@code SELECT … FOR UPDATE}), so every hold of a hot event waits for the one before it, each
 * holding a pooled connection while it waits. {@link ReplacedDesign} starts the service with it.
 */
class EventLockHolds implements HoldCommitter {

    private final ReservationRepository reservations;
    private final SingleHold singleHold;
    private final TransactionalOperator transaction;
    private final EventCatalog catalog;
    private final ReservationProperties properties;
    private final Clock clock;
    private final Guards guards;

    EventLockHolds(ReservationRepository reservations, SingleHold singleHold, ReactiveTransactionManager transactions,
                   EventCatalog catalog, ReservationProperties properties, Clock clock, Guards guards) {
        this.reservations = reservations;
        this.singleHold = singleHold;
        this.transaction = TransactionalOperator.create(transactions);
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
        this.guards = guards;
    }

    @Override
    public Mono<HoldOutcome> submit(HoldRequest hold) {
        return Mono.defer(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return guards.database(transaction.transactional(reservations.lockEvent(hold.eventId())
                        .then(singleHold.attempt(hold, now, now.plus(properties.holdTtl())))
                        // Anything but a hold takes the whole transaction back, reservation row included.
                        .flatMap(outcome -> outcome instanceof HoldOutcome.Held ? Mono.just(outcome) : Mono.error(new Undone(outcome))))
                    .onErrorResume(Undone.class, undone -> Mono.just(undone.outcome)))
                .flatMap(outcome -> outcome instanceof HoldOutcome.Held
                    ? catalog.seatsChanged(hold.eventId()).thenReturn(outcome)
                    : Mono.just(outcome));
        });
    }

    private static final class Undone extends RuntimeException {

        private final transient HoldOutcome outcome;

        Undone(HoldOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
