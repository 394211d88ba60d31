package io.ticketing.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.config.Transactions;
import io.ticketing.config.PeriodicTask;
import io.ticketing.event.EventCatalog;
import io.ticketing.queue.AdmissionChannel;
import io.ticketing.reservation.Offers;
import io.ticketing.resilience.Deadlocks;
import io.ticketing.resilience.DependencyBreakers;

/**
 * Offers seats that came back (an expired hold, a cancellation, a lane's quota, an offer that
 * passed) to the waiting list, in its order. Every instance sweeps; each offer is one transaction
 * that locks the next entry, claims free public seats and marks the entry offered, so an entry is
 * offered once and a seat to one entry, however many instances sweep at once. All of it is in
 * MySQL: an instance dying, or Redis forgetting, loses no offer. The buyer's open streams are told
 * of their offer once it is made, an {@code offer} event.
 * <p>
 * A buyer whose share is full (they hold or bought as many seats as one buyer may) is passed over,
 * not removed: they keep their place, nothing is offered to them while their share has no room, and
 * once it has (a hold of theirs ended) they are offered the next seats that come back. Each sweep
 * looks at them again, which costs one read of their share while seats are free.
 */
@Component
class OfferSweep extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(OfferSweep.class);
    /** Entries one event's offering may look at in one sweep: a burst of returns is offered over a few sweeps, not in one long one. */
    private static final int STEPS_PER_EVENT = 100;

    private final WaitingListRepository entries;
    private final Offers offers;
    private final EventCatalog catalog;
    private final TransactionalOperator transaction;
    private final DependencyBreakers breakers;
    private final WaitingListProperties properties;
    private final Clock clock;
    private final AdmissionChannel channel;

    OfferSweep(WaitingListRepository entries, Offers offers, EventCatalog catalog, ReactiveTransactionManager transactions,
               DependencyBreakers breakers, WaitingListProperties properties, Clock clock, AdmissionChannel channel) {
        this.channel = channel;
        this.entries = entries;
        this.offers = offers;
        this.catalog = catalog;
        // Read committed: the next entry's locking read must see the entries offered by transactions
        // that committed while it waited, and takes no gap locks that would hold up buyers joining.
        this.transaction = Transactions.readCommitted(transactions);
        this.breakers = breakers;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep over every event whose list has someone not yet offered seats; answers how many offers this instance made. */
    Mono<Long> sweep() {
        return breakers.database(entries.eventsWithUnoffered().collectList())
            .flatMapMany(Flux::fromIterable)
            .concatMap(eventId -> offerAll(eventId).onErrorResume(e -> {
                log.warn("Offering returned seats of event {} failed: {}", eventId, e.toString());
                return Mono.just(0L);
            }))
            .reduce(0L, Long::sum);
    }

    /** While the event's sale is open and it has free public seats, offers them to its list in order. */
    private Mono<Long> offerAll(long eventId) {
        return catalog.window(eventId)
            .filter(window -> window.openAt(clock.instant()))
            .flatMap(open -> offers.seatsFree(eventId))
            .flatMap(free -> {
                if (!free) {
                    return Mono.just(0L);
                }
                // Touched by one step at a time (concatMap).
                Set<Long> passedOver = new HashSet<>();
                return Flux.range(0, STEPS_PER_EVENT)
                    .concatMap(step -> offerNext(eventId, passedOver), 0)
                    .takeWhile(step -> step != Step.DONE)
                    .filter(step -> step == Step.OFFERED)
                    .count();
            })
            .defaultIfEmpty(0L);
    }

    /** Offers seats to the next entry, in one transaction. */
    private Mono<Step> offerNext(long eventId, Set<Long> passedOver) {
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MICROS).plus(properties.offerWindow());
        return breakers.database(transaction.transactional(entries.lockNext(eventId, passedOver)
                    .flatMap(userId -> offers.offer(eventId, userId, expiresAt)
                        .flatMap(outcome -> outcome instanceof Offers.Outcome.Made made
                            ? entries.markOffered(eventId, userId, made.offer().offerId()).flatMap(marked -> marked ? Mono.just(new Attempt(userId, outcome))
                                // The entry was locked here since it was read unoffered: this cannot happen while the rules hold.
                                : Mono.error(new IllegalStateException("Entry of user " + userId + " for event " + eventId + " was offered twice")))
                            : Mono.just(new Attempt(userId, outcome)))))
                .retryWhen(Deadlocks.RETRY))
            .flatMap(attempt -> {
                if (attempt.outcome() instanceof Offers.Outcome.Made made) {
                    return offered(made.offer()).thenReturn(Step.OFFERED);
                }
                if (attempt.outcome() instanceof Offers.Outcome.ShareFull) {
                    passedOver.add(attempt.userId());
                    return Mono.just(Step.PASSED_OVER);
                }
                return Mono.just(Step.DONE);
            })
            // Nobody left to offer seats to.
            .defaultIfEmpty(Step.DONE);
    }

    /**
     * After the offer committed: the event's counts are read again, and the buyer's open streams
     * hear of it at once (a missed push costs nothing: GET .../waiting-list shows the offer). A
     * failure here changes no offer.
     */
    private Mono<Void> offered(Offers.Offer offer) {
        return catalog.seatsChanged(offer.eventId())
            .onErrorResume(e -> {
                log.warn("Could not mark the seat counts of event {} as changed: {}", offer.eventId(), e.toString());
                return Mono.empty();
            })
            .then(channel.notify(offer.eventId(), offer.userId(), "offer",
                Map.of("offerId", offer.offerId(), "seatIds", offer.seatIds(), "expiresAt", offer.expiresAt().toString())));
    }

    @Override
    protected Duration period() {
        return properties.sweep();
    }

    @Override
    protected Mono<?> runOnce() {
        return sweep();
    }

    private enum Step { OFFERED, PASSED_OVER, DONE }

    private record Attempt(long userId, Offers.Outcome outcome) {
    }
}
