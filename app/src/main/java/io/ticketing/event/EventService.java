package io.ticketing.event;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.web.Cursor;
import io.ticketing.resilience.InstanceBulkhead;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Page;
import io.ticketing.web.Problems;

@Service
class EventService {

    private static final String BY_START = "events-by-start";
    private static final String BY_NAME = "events-by-name";
    private static final String SEATS = "seats";

    private final EventRepository events;
    private final SeatRepository seats;
    private final EventCache cache;
    private final TransactionalOperator transaction;
    private final EventProperties properties;
    private final Clock clock;
    private final Map<Load, Mono<EventDetail>> loading = new ConcurrentHashMap<>();
    private final DependencyBreakers breakers;
    private final PurchaseLimits limits;
    /** The listing's first page by page size; concurrent visits share one query. */
    private final AsyncCache<Integer, Page<EventSummary>> firstPages;
    /** The visitors' queries in flight, bounded by {@link EventProperties#maxCatalogueQueries()}. */
    private final InstanceBulkhead catalogueQueries;

    EventService(EventRepository events, SeatRepository seats, EventCache cache, ReactiveTransactionManager transactions,
                 EventProperties properties, Clock clock, DependencyBreakers breakers, PurchaseLimits limits,
                 @Qualifier("catalogueQueries") InstanceBulkhead catalogueQueries) {
        this.catalogueQueries = catalogueQueries;
        this.breakers = breakers;
        this.limits = limits;
        this.events = events;
        this.seats = seats;
        this.cache = cache;
        this.transaction = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.clock = clock;
        this.firstPages = Caffeine.newBuilder().maximumSize(properties.maxPageSize()).expireAfterWrite(properties.firstPageTtl()).buildAsync();
    }

    /** The event, its sections and every seat are written in one transaction: all or nothing. */
    Mono<EventDetail> create(NewEvent request) {
        return Mono.fromCallable(() -> checked(request))
            .flatMap(event -> transaction.transactional(
                events.insert(event.name(), event.venue(), event.startsAt(), event.salesOpenAt(), event.salesCloseAt(),
                        event.capacity(), clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .flatMap(id -> events.insertSections(id, request.sections())
                        .then(seats.insertAll(id))
                        .thenReturn(id))))
            .flatMap(this::load);
    }

    /** A cached detail may come from another instance, or an earlier version: the limits are this instance's. */
    Mono<EventDetail> detail(long id) {
        return cache.get(id).flatMap(found -> found.detail() != null ? Mono.just(found.detail().with(limits))
            : loading.computeIfAbsent(new Load(id, found.version()), this::loadOnce));
    }

    /**
     * One database load per event and version at a time: when a hot event's cache entry expires
     * under load, the requests that miss together share one load instead of each running the
     * counts query. A request that saw a newer version (the seats changed since that load began)
     * does not join it: its counts could predate the change.
     */
    private Mono<EventDetail> loadOnce(Load key) {
        return load(key.eventId()).flatMap(detail -> cache.put(detail, key.version()))
            .doFinally(signal -> loading.remove(key))
            .cache();
    }

    /** A load of an event's detail, begun when Redis said the event was at {@code version}. */
    private record Load(long eventId, long version) {
    }

    /** Whether a load of the event's detail is under way, for tests. */
    boolean loading(long eventId) {
        return loading.keySet().stream().anyMatch(load -> load.eventId() == eventId);
    }

    Mono<Page<EventSummary>> list(String query, String cursor, int limit) {
        if (query == null && cursor == null) {
            // A visitor who goes away does not cancel the query for the others.
            return Mono.fromFuture(() -> firstPages.get(limit, (size, executor) -> page(null, null, size).toFuture()), true);
        }
        return page(query, cursor, limit);
    }

    private Mono<Page<EventSummary>> page(String query, String cursor, int limit) {
        Instant now = clock.instant();
        if (query == null) {
            EventRepository.StartKey after = null;
            if (cursor != null) {
                Cursor c = Cursor.decode(cursor, BY_START, 2);
                after = new EventRepository.StartKey(Instant.EPOCH.plus(c.number(0), ChronoUnit.MICROS), c.number(1));
            }
            EventRepository.StartKey from = after;
            return catalogueQueries.run(() -> breakers.database(events.byStartTime(now, from, limit + 1).map(EventSummary::of).collectList()))
                .map(rows -> Page.of(rows, limit, e -> startCursor(e.startsAt(), e.id())));
        }
        EventRepository.NameKey after = null;
        if (cursor != null) {
            Cursor c = Cursor.decode(cursor, BY_NAME, 2);
            after = new EventRepository.NameKey(c.text(1), c.number(0));
        }
        EventRepository.NameKey from = after;
        return catalogueQueries.run(() -> breakers.database(events.byNamePrefix(query, now, from, limit + 1).map(EventSummary::of).collectList()))
            .map(rows -> Page.of(rows, limit, e -> Cursor.encode(BY_NAME, e.id(), e.name())));
    }

    Mono<Page<SeatView>> seats(long eventId, SeatStatus status, String cursor, int limit) {
        long afterId = cursor == null ? 0 : Cursor.decode(cursor, SEATS, 1).number(0);
        return catalogueQueries.run(() -> breakers.database(events.findById(eventId)
                .switchIfEmpty(Mono.error(() -> missing(eventId)))
                .flatMap(event -> seats.page(eventId, status, afterId, limit + 1).collectList())))
            .map(rows -> Page.of(rows, limit, seat -> Cursor.encode(SEATS, seat.id())));
    }

    private Mono<EventDetail> load(long id) {
        return breakers.database(events.findById(id)
            .switchIfEmpty(Mono.error(() -> missing(id)))
            .flatMap(event -> Mono.zip(events.sections(id).collectList(), seats.counts(id))
                .map(parts -> EventDetail.of(event, parts.getT1(), parts.getT2(), limits))));
    }

    private Event checked(NewEvent request) {
        if (!request.salesOpenAt().isBefore(request.salesCloseAt())) {
            throw Problems.badRequest("salesOpenAt must be before salesCloseAt");
        }
        if (request.salesCloseAt().isAfter(request.startsAt())) {
            throw Problems.badRequest("salesCloseAt must not be after startsAt");
        }
        if (!request.salesCloseAt().isAfter(clock.instant())) {
            throw Problems.badRequest("salesCloseAt must be in the future");
        }
        var names = new HashSet<String>();
        for (Section section : request.sections()) {
            if (!names.add(section.name().strip().toLowerCase())) {
                throw Problems.badRequest("Section names must be unique; '" + section.name() + "' appears twice");
            }
        }
        long capacity = request.sections().stream().mapToLong(s -> (long) s.rows() * s.seatsPerRow()).sum();
        if (capacity > properties.maxSeatsPerEvent()) {
            throw Problems.badRequest("An event may have at most " + properties.maxSeatsPerEvent() + " seats; these sections add up to " + capacity);
        }
        return new Event(0, request.name().strip(), request.venue().strip(), micros(request.startsAt()),
            micros(request.salesOpenAt()), micros(request.salesCloseAt()), (int) capacity);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The cursor of the listing by start time that resumes after the given event. */
    static String startCursor(Instant startsAt, long id) {
        return Cursor.encode(BY_START, ChronoUnit.MICROS.between(Instant.EPOCH, startsAt), id);
    }

    static RuntimeException missing(long eventId) {
        return Problems.notFound("Event " + eventId + " does not exist");
    }
}
