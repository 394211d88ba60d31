package io.ticketing.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

import io.ticketing.event.EventCatalog;
import io.ticketing.queue.QueueFigures;
import io.ticketing.reservation.ReservationFigures;
import io.ticketing.resilience.Draining;

/**
 * Reads an event's figures for the console from where each lives: the waiting room's in Redis
 * (QueueFigures, one script), reservations in the database (ReservationFigures, one grouped query),
 * seats from the event's cached detail, the burn-down's history from the database every few seconds,
 * and the instances' health from the last roll call. Shared per event through a {@link SampleFeed}.
 */
@Component
class ConsoleSampler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSampler.class);
    private static final int MAX_EVENTS = 1_000;

    private final QueueFigures queue;
    private final ReservationFigures reservations;
    private final EventCatalog catalog;
    private final InstanceRollCall rollCall;
    private final ConsoleProperties properties;
    private final Clock clock;
    private final SampleFeed feed;
    private final Cache<Long, History> histories = Caffeine.newBuilder().maximumSize(MAX_EVENTS).expireAfterWrite(Duration.ofMinutes(10)).build();

    ConsoleSampler(QueueFigures queue, ReservationFigures reservations, EventCatalog catalog, InstanceRollCall rollCall, ConsoleProperties properties,
                   Clock clock, Draining draining) {
        this.queue = queue;
        this.reservations = reservations;
        this.catalog = catalog;
        this.rollCall = rollCall;
        this.properties = properties;
        this.clock = clock;
        this.feed = new SampleFeed(this::take, clock, Schedulers.parallel(), properties.sampleInterval(), draining::started);
    }

    Mono<ConsoleStats> current(long eventId) {
        return feed.current(eventId);
    }

    Flux<ConsoleStats> watch(long eventId) {
        return feed.watch(eventId);
    }

    /** One sample; an unknown event fails with its 404, a source that does not answer leaves its part out. */
    private Mono<Sample> take(long eventId) {
        return catalog.sale(eventId).flatMap(sale -> {
            Instant at = clock.instant();
            return Mono.zip(part(queue.read(eventId), "waiting room", eventId), part(reservations.totals(eventId), "reservations", eventId),
                    part(catalog.seats(eventId), "seats", eventId), part(history(eventId, sale.opensAt(), at), "sales history", eventId))
                .map(t -> new Sample(eventId, at, t.getT1().orElse(null), t.getT2().orElse(null), t.getT3().orElse(null),
                    burnDown(t.getT4().orElse(null), t.getT3().orElse(null), at), rollCall.health()));
        });
    }

    private static <T> Mono<Optional<T>> part(Mono<T> read, String what, long eventId) {
        return read.map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .onErrorResume(e -> {
                log.warn("The console could not read the {} of event {}: {}", what, eventId, e.toString());
                return Mono.just(Optional.empty());
            });
    }

    /** The seats sold per step since the opening, read again once the last read is older than the refresh. */
    private Mono<History> history(long eventId, Instant opensAt, Instant now) {
        History known = histories.getIfPresent(eventId);
        if (known != null && known.opensAt().equals(opensAt) && Duration.between(known.readAt(), now).compareTo(properties.burnDownRefresh()) < 0) {
            return Mono.just(known);
        }
        Duration width = BurnDown.width(opensAt, now, properties.burnDownPoints());
        return reservations.soldOver(eventId, opensAt, width)
            .map(sold -> new History(opensAt, width, sold, now))
            .doOnNext(history -> histories.put(eventId, history));
    }

    private static List<ConsoleStats.BurnPoint> burnDown(History history, EventCatalog.Seats seats, Instant now) {
        if (history == null || seats == null) {
            return null;
        }
        return BurnDown.points(history.opensAt(), history.width(), history.soldPerStep(), history.readAt(), seats.total(), now, seats.sold());
    }

    private record History(Instant opensAt, Duration width, Map<Long, Long> soldPerStep, Instant readAt) {
    }
}
