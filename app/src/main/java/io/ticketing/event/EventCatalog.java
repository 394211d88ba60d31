package io.ticketing.event;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** What other features may know about an event: its sale window and how many seats are left to buy. */
@Component
public class EventCatalog {

    private final EventService events;

    EventCatalog(EventService events) {
        this.events = events;
    }

    /** Served from the short-lived detail cache, so callers on a hot path cost at most one read per TTL. */
    public Mono<Sale> sale(long eventId) {
        return events.detail(eventId)
            .map(e -> new Sale(e.id(), e.salesOpenAt(), e.salesCloseAt(), e.available() + e.held()));
    }

    /**
     * @param purchasable seats that could still be bought: available now, plus held ones that may expire
     */
    public record Sale(long eventId, Instant opensAt, Instant closesAt, int purchasable) {

        public boolean closedAt(Instant now) {
            return !now.isBefore(closesAt);
        }

        public boolean openAt(Instant now) {
            return !now.isBefore(opensAt) && now.isBefore(closesAt);
        }
    }
}
