package io.ticketing.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** What other features may know about an event: its sale window and how many seats are left to buy. */
@Component
public class EventCatalog {

    private final EventService events;
    private final EventCache cache;
    private final Duration ttl;
    private final Map<Long, Mono<Sale>> sales = new ConcurrentHashMap<>();
    /** Sales windows do not change with seats; a bounded cache keeps them, and nothing of unknown events. */
    private final AsyncCache<Long, SalesWindow> windows = Caffeine.newBuilder()
        .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).buildAsync();

    EventCatalog(EventService events, EventCache cache, EventProperties properties) {
        this.events = events;
        this.cache = cache;
        this.ttl = properties.saleCacheTtl();
    }

    /** Seats of the event changed: forget what this instance and Redis remember of its counts. */
    public Mono<Void> seatsChanged(long eventId) {
        return Mono.fromRunnable(() -> sales.remove(eventId)).then(cache.evict(eventId));
    }

    /**
     * Kept in memory for a moment (a second by default) on top of the shared Redis cache: during a rush every entry asks
     * for the same event, and thousands of Redis reads a second for one unchanging answer would
     * only compete with the queue's own work. Concurrent callers share one read; failures are not kept.
     */
    public Mono<Sale> sale(long eventId) {
        return sales.computeIfAbsent(eventId, id -> events.detail(id)
            .map(e -> new Sale(e.id(), e.salesOpenAt(), e.salesCloseAt(), e.available() + e.held()))
            .cache(sale -> ttl, error -> Duration.ZERO, () -> Duration.ZERO));
    }

    /** When the event's sales open and close; a hold is only taken between the two. */
    public Mono<SalesWindow> window(long eventId) {
        // Concurrent callers share one read; a caller that goes away does not cancel it for the others.
        return Mono.fromFuture(() -> windows.get(eventId, (id, executor) -> events.detail(id)
            .map(e -> new SalesWindow(e.salesOpenAt(), e.salesCloseAt())).toFuture()), true);
    }

    public record SalesWindow(Instant opensAt, Instant closesAt) {

        public boolean closedAt(Instant now) {
            return !now.isBefore(closesAt);
        }

        public boolean openAt(Instant now) {
            return !now.isBefore(opensAt) && !closedAt(now);
        }
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
