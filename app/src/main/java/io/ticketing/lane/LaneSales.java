package io.ticketing.lane;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.ticketing.resilience.DependencyBreakers;

/**
 * Each lane's sale, for the lane's own waiting-room line. Every admission tick of the line asks
 * (five times a second on every instance), so an instance keeps each answer for a second: seats
 * only leave a lane's purchasable count when they are sold or returned, and a second's lag only
 * admits a few buyers more or less. Concurrent callers share one read; a failed read (an unknown
 * lane) leaves no entry.
 */
@Component
public class LaneSales {

    private static final Duration TTL = Duration.ofSeconds(1);
    /** Far more lanes than are ever on sale at once; a lane nobody asks about leaves after its TTL anyway. */
    private static final int MAX_LANES = 10_000;

    private final LaneRepository lanes;
    private final DependencyBreakers breakers;
    private final AsyncCache<Long, LaneRepository.EventLaneSale> sales;

    @Autowired
    LaneSales(LaneRepository lanes, DependencyBreakers breakers) {
        this(lanes, breakers, TTL);
    }

    /** With how long an answer is kept, so that a test can keep it for good. */
    LaneSales(LaneRepository lanes, DependencyBreakers breakers, Duration ttl) {
        this.lanes = lanes;
        this.breakers = breakers;
        this.sales = Caffeine.newBuilder().maximumSize(MAX_LANES).expireAfterWrite(ttl).buildAsync();
    }

    /** The lane's sale; empty when the event has no such lane. */
    public Mono<LaneSale> sale(long eventId, long laneId) {
        // A caller that goes away does not cancel the read for the others.
        return Mono.fromFuture(() -> sales.get(laneId, (id, executor) -> breakers.database(lanes.sale(id)).toFuture()), true)
            .filter(found -> found.eventId() == eventId)
            .map(LaneRepository.EventLaneSale::sale);
    }

    /** The lane's seats changed (sold, returned): the next question reads them again. */
    public Mono<Void> seatsChanged(long laneId) {
        return Mono.fromRunnable(() -> sales.synchronous().invalidate(laneId));
    }
}
