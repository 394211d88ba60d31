package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.stereotype.Component;

import io.ticketing.event.EventCatalog;
import io.ticketing.system.Draining;
import io.ticketing.system.Guards;

/**
 * Fan-out of line state to the streams of this instance. Per event and tick it costs one Lua call
 * (line.lua), plus, every few seconds, one ZADD that marks every local subscriber as present.
 * Ten thousand local subscribers cost the same Redis commands as ten.
 */
@Component
class LineWatch {

    private static final Logger log = LoggerFactory.getLogger(LineWatch.class);
    private static final int MAX_DEPARTED = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final Guards guards;
    private final QueueScripts scripts;
    private final EventCatalog catalog;
    private final QueueProperties properties;
    private final Clock clock;
    private final Map<Long, Flux<LineState>> lines = new ConcurrentHashMap<>();
    /** Local subscribers per event: user id -> open streams of that user. */
    private final Map<Long, Map<Long, Integer>> subscribers = new ConcurrentHashMap<>();
    private final Map<Long, Long> markedAt = new ConcurrentHashMap<>();
    private final Draining draining;

    LineWatch(ReactiveStringRedisTemplate redis, Guards guards, QueueScripts scripts, EventCatalog catalog, QueueProperties properties,
              Clock clock, MeterRegistry meters, Draining draining) {
        this.draining = draining;
        this.redis = redis;
        this.guards = guards;
        this.scripts = scripts;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("ticketing.queue.streams.open", this, LineWatch::openStreams)
            .description("Waiting-room SSE streams open on this instance")
            .register(meters);
    }

    /** The event's line state, read once per push interval for all local subscribers together. */
    Flux<LineState> watch(long eventId, long userId) {
        Flux<LineState> shared = lines.computeIfAbsent(eventId, id -> Flux.interval(Duration.ZERO, properties.pushInterval())
            .onBackpressureDrop()
            .concatMap(tick -> read(id).onErrorResume(e -> {
                log.warn("Reading the line of event {} failed: {}", id, e.toString());
                return Mono.empty();
            }), 1)
            // Streams end at shutdown; the shared read must not outlive them by its grace period.
            .takeUntilOther(draining.started())
            .replay(1)
            .refCount(1, Duration.ofSeconds(5)));
        return shared
            .doOnSubscribe(s -> subscribers.computeIfAbsent(eventId, id -> new ConcurrentHashMap<>()).merge(userId, 1, Integer::sum))
            .doFinally(signal -> subscribers.getOrDefault(eventId, Map.of()).computeIfPresent(userId, (id, n) -> n > 1 ? n - 1 : null));
    }

    int openStreams() {
        return subscribers.values().stream().mapToInt(users -> users.values().stream().mapToInt(Integer::intValue).sum()).sum();
    }

    private Mono<LineState> read(long eventId) {
        QueueKeys keys = new QueueKeys(eventId);
        Mono<List> line = guards.redis(redis.execute(scripts.line, keys.forLine(),
            List.of(Integer.toString(properties.admissionRatePerSecond()), Integer.toString(MAX_DEPARTED))).next());
        return Mono.zip(line, catalog.sale(eventId), Mono.defer(() -> markPresent(eventId)))
            .map(t -> LineState.parse(t.getT1(), t.getT2().purchasable() <= 0, t.getT2().closedAt(clock.instant())));
    }

    /**
     * Streams open here are signs of life: one ZADD for all of them, three times per grace period.
     * Timed by the clock, not by counting ticks, because ticks are dropped when a read runs late.
     */
    private Mono<Boolean> markPresent(long eventId) {
        long now = clock.millis();
        Map<Long, Integer> users = subscribers.getOrDefault(eventId, Map.of());
        Long last = markedAt.get(eventId);
        if (users.isEmpty() || (last != null && now - last < properties.abandonAfter().toMillis() / 3)) {
            return Mono.just(true);
        }
        markedAt.put(eventId, now);
        Set<ZSetOperations.TypedTuple<String>> seen = users.keySet().stream()
            .map(user -> ZSetOperations.TypedTuple.of(Long.toString(user), (double) now))
            .collect(Collectors.toSet());
        return guards.redis(redis.opsForZSet().addAll(new QueueKeys(eventId).seen(), seen)).thenReturn(true);
    }
}
