package io.ticketing.queue.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.ticketing.queue.Room;
import io.ticketing.queue.RoomSales;
import io.ticketing.queue.QueueKeys;
import io.ticketing.queue.QueueProperties;
import io.ticketing.resilience.Draining;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.redis.RedisKeys;

/**
 * Fan-out of line state to the streams of this instance. Per event and tick it costs one Lua call
 * (line.lua), plus, every few seconds, one ZADD that marks every local subscriber as present.
 * Ten thousand local subscribers cost the same Redis commands as ten.
 */
@Component
class PositionFeed {

    private static final Logger log = LoggerFactory.getLogger(PositionFeed.class);
    private static final int MAX_DEPARTED = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final StreamScripts scripts;
    private final RoomSales sales;
    private final QueueProperties properties;
    private final Clock clock;
    /** The shared read of each event some local stream watches; it leaves with the grace period after the last one. */
    private final Map<Room, Flux<LineState>> lines = new ConcurrentHashMap<>();
    /** The local streams of each event; it leaves with the last one. */
    private final Map<Room, Watchers> watchers = new ConcurrentHashMap<>();
    private final Draining draining;
    private final RedisKeys prefix;

    PositionFeed(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, StreamScripts scripts, RoomSales sales, QueueProperties properties,
              Clock clock, Draining draining, RedisKeys prefix) {
        this.prefix = prefix;
        this.draining = draining;
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.sales = sales;
        this.properties = properties;
        this.clock = clock;
    }

    /** The event's line state, read once per push interval for all local subscribers together. */
    Flux<LineState> watch(Room room, long userId) {
        return lines.computeIfAbsent(room, this::line)
            // Joining and leaving are atomic per line: a stream never joins an entry just as the last one removes it.
            .doOnSubscribe(s -> watchers.compute(room, (id, event) -> (event == null ? new Watchers() : event).join(userId)))
            .doFinally(signal -> watchers.computeIfPresent(room, (id, event) -> event.leave(userId) ? null : event));
    }

    private Flux<LineState> line(Room room) {
        AtomicReference<Flux<LineState>> self = new AtomicReference<>();
        AtomicReference<LineState> latest = new AtomicReference<>();
        Flux<LineState> reads = Flux.interval(Duration.ZERO, properties.pushInterval())
            .onBackpressureDrop()
            .concatMap(tick -> read(room).onErrorResume(e -> {
                log.warn("Reading the line {} of event {} failed: {}", room.lane(), room.eventId(), e.toString());
                return Mono.empty();
            }), 1)
            .doOnNext(latest::set)
            // Streams end at shutdown; the shared read must not outlive them by its grace period.
            .takeUntilOther(draining.started())
            // Stopped (no stream for the grace period, or shutdown): the event's next stream starts a new read. A stream
            // that took this one from the map just before restarts it for itself, which costs a read, nothing else.
            .doFinally(signal -> {
                latest.set(null);
                lines.remove(room, self.get());
            })
            // Not replay(1): a replaying source asks every one of its N streams for more after each read it hands
            // to each of them, N² steps a read, which a big line cannot afford (docs/benchmarks.md).
            .publish()
            .refCount(1, Duration.ofSeconds(5));
        // Each stream asks once for all and keeps only the newest read it has not handled yet; one joining between
        // reads starts from the last, as a replay would (a read handed to it twice is sent once, QueueStream).
        Flux<LineState> line = Flux.defer(() -> {
            LineState last = latest.get();
            Flux<LineState> joined = reads.onBackpressureLatest();
            return last == null ? joined : joined.startWith(last);
        });
        self.set(line);
        return line;
    }

    /** Whether this instance keeps anything of the event's line, for tests. */
    boolean watches(long eventId) {
        Room room = Room.publicLine(eventId);
        return lines.containsKey(room) || watchers.containsKey(room);
    }

    private Mono<LineState> read(Room room) {
        QueueKeys keys = new QueueKeys(prefix, room.eventId(), room.lane());
        Mono<List> line = breakers.redis(redis.execute(scripts.line, keys.forLine(),
            List.of(Integer.toString(properties.admissionRatePerSecond()), Integer.toString(MAX_DEPARTED))).next());
        return Mono.zip(line, sales.sale(room), Mono.defer(() -> markPresent(room, keys)))
            .map(t -> LineState.parse(t.getT1(), t.getT2().purchasable() <= 0, t.getT2().closedAt(clock.instant()), t.getT3()));
    }

    /**
     * Streams open here are signs of life: one script for all of them (present.lua), three times per
     * grace period. The mark is Redis's time, which admit.lua compares it with, never this instance's.
     * Spaced on the monotonic clock, not by counting ticks, because ticks are dropped when a read runs
     * late, and not on the wall clock, whose step back would hold the marks back until waiters look gone.
     * Answers those of them Redis has nowhere, which it forgot unless their streams are about to hear
     * why: each of those streams asks for its own waiter, with the place it holds.
     */
    private Mono<Set<Long>> markPresent(Room room, QueueKeys keys) {
        Watchers event = watchers.get(room);
        if (event == null || !event.markDue(System.nanoTime(), properties.abandonAfter().toNanos() / 3)) {
            return Mono.just(Set.of());
        }
        List<String> users = event.users.keySet().stream().map(user -> Long.toString(user)).toList();
        return breakers.redis(redis.execute(scripts.present, keys.forPresent(), users).next())
            .map(reply -> ((List<?>) reply).stream().skip(1).map(user -> Long.parseLong(user.toString())).collect(Collectors.toUnmodifiableSet()));
    }

    /** The local streams of one event: user id -> open streams of that user, and when they were last marked present. */
    private static final class Watchers {

        private final Map<Long, Integer> users = new ConcurrentHashMap<>();
        private Long markedAt;

        Watchers join(long userId) {
            users.merge(userId, 1, Integer::sum);
            return this;
        }

        /** True when that was the event's last stream. */
        boolean leave(long userId) {
            users.computeIfPresent(userId, (id, n) -> n > 1 ? n - 1 : null);
            return users.isEmpty();
        }

        /** Whether the streams are due to be marked present again ({@code now} in monotonic ns); if so, they count as marked now. */
        synchronized boolean markDue(long now, long every) {
            if (users.isEmpty() || (markedAt != null && now - markedAt < every)) {
                return false;
            }
            markedAt = now;
            return true;
        }
    }
}
