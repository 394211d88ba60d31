package io.ticketing.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.config.Transactions;
import io.ticketing.config.PeriodicTask;
import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.Deadlocks;

/**
 * Gives the public lane the seats a presale lane did not sell, once the lane's returnsUnsoldAt has
 * passed: its available seats lose the lane's id, and the lane is marked returned. Seats the lane
 * sold keep its id, so its sales stay countable. A seat held at the return stays the lane's until
 * its hold ends: sold, it is the lane's sale; released, the next sweep gives it to the public lane,
 * which is why returned lanes are swept again as long as they have an available seat.
 *
 * <p>Every instance sweeps; each step is a conditional UPDATE that a second sweep finds done, so
 * instances sweeping at once do the work once between them.
 */
@Component
class LaneReturns extends PeriodicTask {

    private final LaneRepository lanes;
    private final LaneSales sales;
    private final EventCatalog catalog;
    private final LaneProperties properties;
    private final TransactionalOperator transaction;
    private final Clock clock;

    LaneReturns(LaneRepository lanes, LaneSales sales, EventCatalog catalog, LaneProperties properties,
                ReactiveTransactionManager transactions, Clock clock) {
        this.lanes = lanes;
        this.sales = sales;
        this.catalog = catalog;
        this.properties = properties;
        // Moving seats in or out of a lane reads committed, as the holds' own transactions do: an UPDATE
        // then keeps no lock on the seats it passes over, so a sale under way waits only on the seats it moves.
        this.transaction = Transactions.readCommitted(transactions);
        this.clock = clock;
    }

    /** Returns what every lane past its returnsUnsoldAt has left unsold; answers how many seats this sweep gave back. */
    Mono<Long> sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return lanes.due(now)
            .concatMap(lane -> transaction.transactional(lanes.returnSeats(lane.id())
                        .zipWith(lanes.markReturned(lane.id(), now), (seats, marked) -> new Returned(lane, seats, marked)))
                    .retryWhen(Deadlocks.RETRY))
            .filter(returned -> returned.seats() > 0 || returned.marked())
            .concatMap(returned -> sales.seatsChanged(returned.lane().id()).thenReturn(returned))
            .collectList()
            // Each event's counts are read again once, however many of its lanes returned seats.
            .flatMap(returned -> Flux.fromIterable(returned).map(r -> r.lane().eventId()).distinct().concatMap(catalog::seatsChanged)
                .then(Mono.fromCallable(() -> returned.stream().mapToLong(Returned::seats).sum())));
    }

    /** What one lane's return changed: seats given back, and whether this sweep marked it returned. */
    private record Returned(LaneRepository.DueLane lane, long seats, boolean marked) {
    }

    @Override
    protected Duration period() {
        return properties.returnSweep();
    }

    @Override
    protected Mono<?> runOnce() {
        return sweep();
    }
}
