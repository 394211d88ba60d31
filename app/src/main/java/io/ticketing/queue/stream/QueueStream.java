package io.ticketing.queue.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

import io.ticketing.door.InfiniteLine;
import io.ticketing.queue.AdmissionChannel;
import io.ticketing.queue.AdmissionPasses;
import io.ticketing.queue.Place;
import io.ticketing.queue.Room;
import io.ticketing.queue.QueueProperties;
import io.ticketing.queue.Standing;
import io.ticketing.queue.WaitingRoom;
import io.ticketing.resilience.Draining;

/**
 * A waiter's Server-Sent Events: {@code position} while the numbers change, then one of
 * {@code admitted}, {@code closed} or {@code left}, after which the stream ends. {@code sold-out}
 * does not end it at once: the waiter may stay on for returns on the event's waiting list, and the
 * stream goes on for {@code sold-out-linger} (or until it would have ended anyway), with no more
 * positions, carrying the news other features send the user ({@link AdmissionChannel#notify}), such
 * as an {@code offer} of seats, and then ends with {@code sold-out} again;
 * a comment every heartbeat keeps idle connections open; {@code ticket} brings a fresh stream URL
 * once the one the stream was opened with is past half its life, since that one soon opens nothing,
 * or carries a place the waiter no longer holds (the pre-queue was drawn);
 * {@code reconnect} ends the stream when this instance shuts down, or could not read the waiter's place. Reconnecting with the newest URL
 * (browsers also send Last-Event-ID) picks up the same place: the place is in Redis, not in the connection,
 * and signed into the ticket too, so a stream puts back a waiter Redis forgot (docs/operations.md, "When Redis forgets").
 */
@Component
class QueueStream {

    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final WaitingRoom room;
    private final PositionFeed lines;
    private final AdmissionPasses passes;
    private final QueueProperties properties;
    private final Draining draining;
    private final AdmissionChannel channel;
    private final Clock clock;
    private final InfiniteLine limbo;

    QueueStream(WaitingRoom room, PositionFeed lines, AdmissionPasses passes, QueueProperties properties, Draining draining, AdmissionChannel channel,
                Clock clock, InfiniteLine limbo) {
        this.clock = clock;
        this.limbo = limbo;
        this.draining = draining;
        this.channel = channel;
        this.room = room;
        this.lines = lines;
        this.passes = passes;
        this.properties = properties;
    }

    /**
     * The stream that {@code opened} opened; {@code heartbeat} runs at every heartbeat before its comment
     * is sent (the stream's slot marks itself alive there, so a stream keeps one timer, not two).
     */
    Flux<ServerSentEvent<Object>> events(AdmissionPasses.StreamTicket opened, Mono<Void> heartbeat) {
        Room line = opened.room();
        long eventId = line.eventId();
        long userId = opened.userId();
        Progress progress = new Progress(opened.place());
        AtomicLong ids = new AtomicLong();
        Flux<Update> changes = Mono.defer(() -> room.standing(line, userId, progress.place))
            .flatMapMany(initial -> {
                Update first = fromStanding(initial, line, userId, progress);
                if (first.terminal()) {
                    return Flux.just(first);
                }
                // Admitted by any instance's tick: told at once, not at the next periodic read.
                // Assembled when the admission is announced, not for every waiter up front: a stream is held for minutes, by thousands.
                Mono<Update> admission = channel.admitted(line, userId).then(Mono.defer(() -> room.standing(line, userId, progress.place)))
                    .map(standing -> fromStanding(standing, line, userId, progress));
                // No prefetch: the line keeps its newest read for this stream while a lookup runs, rather than a queue of them.
                return Flux.merge(lines.watch(line, userId).concatMap(state -> next(state, line, userId, progress), 0), admission);
            })
            .distinctUntilChanged()
            // Redis did not answer a lookup (down, restarting): the browser reconnects, and its ticket keeps the place, even
            // should Redis come back without it. Not an error: one before the first event would be a bare 500.
            .onErrorResume(e -> Flux.just(Update.terminal("reconnect",
                Map.of("detail", "Your place could not be read just now; reconnecting keeps it"))));
        // This instance is going away: the place is in Redis, so the browser reconnects (to
        // another instance) and carries on where it was.
        Mono<Update> shutdown = draining.started().then(Mono.fromSupplier(() -> Update.terminal("reconnect",
            Map.of("detail", "This server is restarting; reconnecting keeps your place"))));
        // Heartbeats share the one serialized stream, so none can follow the terminal event. A heartbeat
        // due to renew the waiter's ticket sends the fresh one instead of its comment: either keeps proxies open.
        AtomicLong renewAt = new AtomicLong(renewalDue(opened));
        Flux<Update> heartbeats = Flux.interval(properties.heartbeat())
            .onBackpressureDrop()
            .concatMap(n -> heartbeat.then(Mono.fromSupplier(() -> beat(line, userId, renewAt, progress))), 0);
        // News for this waiter from elsewhere (an offer from the waiting list): each is sent as it comes.
        Flux<Update> notices = channel.notices(eventId, userId).map(notice -> new Update(notice.event(), notice.data(), false));
        return Flux.merge(changes, shutdown, heartbeats, notices)
            .takeUntil(Update::terminal)
            .map(update -> update == Update.HEARTBEAT
                ? ServerSentEvent.builder().comment("heartbeat").build()
                : ServerSentEvent.builder(update.data()).event(update.event()).id(Long.toString(ids.incrementAndGet())).retry(RECONNECT).build());
    }

    /**
     * The heartbeat's comment, or, once the newest ticket is past half its life or the waiter's place
     * is not the one it carries (the pre-queue was drawn, Redis forgot the line), a fresh one.
     */
    private Update beat(Room line, long userId, AtomicLong renewAt, Progress progress) {
        Place place = progress.place;
        if (clock.millis() < renewAt.get() && Objects.equals(place, progress.signed)) {
            return Update.HEARTBEAT;
        }
        AdmissionPasses.StreamTicket fresh = passes.issueStreamTicket(userId, line, place);
        progress.signed = place;
        renewAt.set(renewalDue(fresh));
        return new Update("ticket", Map.of("streamUrl", WaitingRoom.streamUrl(fresh), "expiresAt", fresh.expiresAt().toString()), false);
    }

    private long renewalDue(AdmissionPasses.StreamTicket ticket) {
        return ticket.expiresAt().minus(properties.streamTicketTtl().dividedBy(2)).toEpochMilli();
    }

    private Mono<Update> next(LineState state, Room line, long userId, Progress progress) {
        long eventId = line.eventId();
        if (state.closed()) {
            return Mono.just(Update.terminal("closed", Map.of("eventId", eventId)));
        }
        if (progress.soldOutAt != 0) {
            // Told once: the line's numbers mean nothing to this waiter any more, even when a seat comes back for a moment.
            // Open for offers only for a while: each open stream costs Redis a call every heartbeat, and after a sell-out
            // the whole line could stay on until the sale closes. The page reads its waiting list itself from then on.
            return clock.millis() - progress.soldOutAt < properties.soldOutLinger().toMillis()
                ? Mono.empty()
                : Mono.just(Update.terminal("sold-out", soldOut(eventId)));
        }
        if (state.soldOut() && line.isLane()) {
            // A lane has no waiting list (its unsold seats go to the public sale): nothing more to hear.
            return Mono.just(Update.terminal("sold-out", Map.of("eventId", eventId, "lane", line.lane(), "waitingList", false)));
        }
        if (state.soldOut()) {
            // Seats may come back: a waiter may stay on, on the event's waiting list (POST .../waiting-list), and hear of offers here.
            progress.soldOutAt = clock.millis();
            return Mono.just(new Update("sold-out", soldOut(eventId), false));
        }
        if (state.missing().contains(userId)) {
            // Redis has this waiter nowhere, though nobody told the stream why: it forgot them. Put back from the place held here.
            return standing(line, userId, progress);
        }
        long mine = progress.lineTicket();
        if (progress.limboUntil != 0) {
            // The infinite line moves with the real one, from the same read: no call of its own per push.
            // Now and then (a heartbeat) its standing is read again, which is how leaving it, or a
            // valid entry out of it, reaches the stream.
            return clock.millis() < progress.limboUntil
                ? Mono.just(Update.position(limbo.position(userId, eventId, state.realWaitersAhead(progress.place.ticket())), state.rate(), false,
                    state.message()))
                : standing(line, userId, progress);
        }
        if (mine == 0 && !state.opened()) {
            return Mono.just(Update.position(null, state.rate(), true, state.message()));
        }
        if (mine != 0 && state.holds(mine)) {
            return Mono.just(Update.position(state.positionOf(mine), state.rate(), false, state.message()));
        }
        // Out of the line since the last look (admitted, skipped or left), or the pre-queue just
        // opened, or Redis forgot the line: ask for this user alone, with the place this stream
        // holds, which puts them back in the last case. That happens once per waiter, not once per tick.
        return standing(line, userId, progress);
    }

    private Mono<Update> standing(Room line, long userId, Progress progress) {
        return room.standing(line, userId, progress.place).map(standing -> fromStanding(standing, line, userId, progress));
    }

    private static Map<String, Object> soldOut(long eventId) {
        return Map.of("eventId", eventId, "waitingList", true);
    }

    private Update fromStanding(Standing standing, Room line, long userId, Progress progress) {
        long eventId = line.eventId();
        Place place = Place.of(standing);
        if (place != null) {
            progress.place = place;
        }
        return switch (standing.kind()) {
            case ADMITTED -> Update.terminal("admitted", Map.of(
                "pass", passes.issuePass(userId, line, standing.admittedUntil()),
                "expiresAt", standing.admittedUntil().toString()));
            case PRE -> Update.position(null, standing.rate(), true, standing.message());
            case WAITING -> {
                progress.limboUntil = 0;
                yield Update.position(standing.position(), standing.rate(), false, standing.message());
            }
            // Sent as any waiter's place.
            case LIMBO -> {
                progress.limboUntil = clock.millis() + properties.heartbeat().toMillis();
                yield Update.position(limbo.position(userId, eventId, standing.position()), standing.rate(), false, standing.message());
            }
            // Only entries are turned away; a standing read for a stream never says CLOSED, and if it did the stream would end as left.
            case NONE, CLOSED -> Update.terminal("left", Map.of("detail", "You are not in this waiting room; enter it again to get a place"));
        };
    }

    /**
     * The waiter's place as this stream last heard it (null until known; in the door's infinite line,
     * the virtual ticket), and the place the newest ticket sent to the waiter carries; while in the
     * infinite line, until when (epoch ms, the service's clock) the stream goes on without reading its
     * standing again; and when (epoch ms, the service's clock) it told the waiter the event sold out,
     * 0 before. Written by one lookup at a time (the stream's concatMap, or the admission, after which
     * nothing reads it), and the heartbeat, which writes {@code signed} alone.
     */
    private static final class Progress {

        private volatile Place place;
        private volatile Place signed;
        private volatile long limboUntil;
        private volatile long soldOutAt;

        Progress(Place opened) {
            this.place = opened;
            this.signed = opened;
        }

        /** The line ticket, 0 while not known to hold one. */
        long lineTicket() {
            Place known = place;
            return known != null && known.kind() == Place.Kind.LINE ? known.ticket() : 0;
        }
    }

    /** One message for the stream; equal updates in a row are sent once. */
    record Update(String event, Object data, boolean terminal) {

        /** A comment that keeps an idle connection open; not an event. */
        static final Update HEARTBEAT = new Update(null, null, false);

        static Update position(Long position, int rate, boolean preQueue, String message) {
            Position data = position == null
                ? new Position(null, null, null, preQueue, message)
                : new Position(position, position - 1, Standing.etaSeconds(position, rate), preQueue, message);
            return new Update("position", data, false);
        }

        static Update terminal(String event, Object data) {
            return new Update(event, data, true);
        }
    }

    /** {@code message}: the operator's, to everyone waiting; null for none. */
    record Position(Long position, Long aheadOfYou, Long etaSeconds, boolean preQueue, String message) {
    }
}
