package io.ticketing.event;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** What other features may know about an event: its sale window and how many seats are left to buy. */
@Component
public class EventCatalog {

    /** Far more events than are ever on sale at once; an event nobody asks about leaves after its TTL anyway. */
    private static final int MAX_EVENTS = 10_000;

    private final LongFunction<Mono<EventDetail>> details;
    private final LongFunction<Mono<Void>> evict;
    /**
     * Kept in memory for a moment (a second by default) on top of the shared Redis cache: during a
     * rush every entry asks for the same event, and thousands of Redis reads a second for one
     * unchanging answer would only compete with the queue's own work. Bounded, and a failed read
     * (an unknown event) leaves no entry.
     */
    private final AsyncCache<Long, Sale> sales;
    /** Sales windows do not change with seats; a bounded cache keeps them, and nothing of unknown events. */
    private final AsyncCache<Long, SalesWindow> windows = Caffeine.newBuilder()
        .maximumSize(MAX_EVENTS).expireAfterWrite(Duration.ofMinutes(1)).buildAsync();

    @Autowired
    EventCatalog(EventService events, EventCache cache, EventProperties properties) {
        this(events::detail, cache::evict, properties.saleCacheTtl());
    }

    /**
     * @param details reads an event's detail (through the Redis cache)
     * @param evict   tells the Redis cache that an event's seats changed
     */
    EventCatalog(LongFunction<Mono<EventDetail>> details, LongFunction<Mono<Void>> evict, Duration saleTtl) {
        this.details = details;
        this.evict = evict;
        this.sales = Caffeine.newBuilder().maximumSize(MAX_EVENTS).expireAfterWrite(saleTtl).buildAsync();
    }

    /**
     * Seats of the event changed: forget what Redis and this instance remember of its counts, in
     * that order. A sale read here before Redis forgets may still find the old detail there; it is
     * dropped with everything else read before this instance forgets, so once this completes no
     * count from before the change is served here. (Other instances keep theirs for their TTL.)
     */
    public Mono<Void> seatsChanged(long eventId) {
        return evict.apply(eventId).then(Mono.fromRunnable(() -> sales.synchronous().invalidate(eventId)));
    }

    /** The event's sale; concurrent callers share one read, and a caller that goes away does not cancel it for the others. */
    public Mono<Sale> sale(long eventId) {
        return Mono.fromFuture(() -> sales.get(eventId, (id, executor) -> details.apply(id)
            .map(e -> new Sale(e.id(), e.salesOpenAt(), e.salesCloseAt(), e.available() + e.held())).toFuture()), true);
    }

    /** The event's seats by status, as fresh as its detail in the shared cache (dropped on every seat change). */
    public Mono<Seats> seats(long eventId) {
        return details.apply(eventId).map(e -> new Seats(e.capacity(), e.available(), e.held(), e.sold()));
    }

    /** When the event's sales open and close; a hold is only taken between the two. */
    public Mono<SalesWindow> window(long eventId) {
        // Concurrent callers share one read; a caller that goes away does not cancel it for the others.
        return Mono.fromFuture(() -> windows.get(eventId, (id, executor) -> details.apply(id)
            .map(e -> new SalesWindow(e.salesOpenAt(), e.salesCloseAt())).toFuture()), true);
    }

    /** Whether this instance keeps anything of the event in memory, for tests. */
    boolean remembers(long eventId) {
        return sales.asMap().containsKey(eventId) || windows.asMap().containsKey(eventId);
    }

    public record SalesWindow(Instant opensAt, Instant closesAt) {

        public boolean closedAt(Instant now) {
            return !now.isBefore(closesAt);
        }

        public boolean openAt(Instant now) {
            return !now.isBefore(opensAt) && !closedAt(now);
        }
    }

    public record Seats(int total, int available, int held, int sold) {
    }

    /**
     * @param purchasable seats that could still be bought: available now, plus held ones that may expire
     */
    public record Sale(long eventId, Instant opensAt, Instant closesAt, int purchasable) {

        public boolean closedAt(Instant now) {
            return window().closedAt(now);
        }

        public boolean openAt(Instant now) {
            return window().openAt(now);
        }

        private SalesWindow window() {
            return new SalesWindow(opensAt, closesAt);
        }
    }
}
