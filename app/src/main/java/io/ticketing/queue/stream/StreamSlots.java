package io.ticketing.queue.stream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.ticketing.queue.QueueKeys;
import io.ticketing.queue.QueueProperties;
import io.ticketing.resilience.InstanceBulkhead;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;
import io.ticketing.redis.RedisKeys;

/**
 * At most {@code max-streams-per-user} open position streams per user and event, so that one
 * account cannot hold thousands of connections. One user's streams may be on every instance, so
 * they are counted in Redis (stream-open.lua), where each open stream is a member scored by its
 * last sign of life: refreshed every heartbeat, removed when the stream ends however it ends, and
 * dropped once stale, so the streams of an instance that died free their slots within a minute.
 * <p>
 * Without Redis a stream is refused (fails closed): it could not be served anyway, since its
 * place in line is in Redis, and refusing keeps the cap true when Redis returns.
 */
@Component
class StreamSlots {

    private static final Logger log = LoggerFactory.getLogger(StreamSlots.class);
    /** However short the heartbeat, a slot outlives a few missed marks: a busy instance must not lose its streams' slots. */
    private static final Duration MIN_STALE_AFTER = Duration.ofMinutes(1);

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final StreamScripts scripts;
    private final QueueProperties properties;
    private final RedisKeys prefix;
    private final Duration staleAfter;
    /** Stream ids are this instance's id and a counter: unique without reading randomness on an event loop. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong streams = new AtomicLong();
    /** The streams this instance serves: taken when a stream starts, given back when it ends. */
    private final InstanceBulkhead capacity;

    StreamSlots(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, StreamScripts scripts, QueueProperties properties, MeterRegistry meters, RedisKeys prefix) {
        this.prefix = prefix;
        if (properties.maxStreamsPerUser() < 1) {
            throw new IllegalArgumentException("ticketing.queue.max-streams-per-user must be at least 1");
        }
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.properties = properties;
        this.capacity = InstanceBulkhead.of("position-streams", properties.maxStreamsPerInstance(),
            "position streams (another server may have room)", Duration.ofSeconds(5));
        // The HPA scales on this; reading the bulkhead's counter costs a scrape nothing, however many streams.
        Gauge.builder("ticketing.queue.streams.open", capacity, InstanceBulkhead::taken)
            .description("Waiting-room SSE streams open on this instance")
            .register(meters);
        Duration fourHeartbeats = properties.heartbeat().multipliedBy(4);
        this.staleAfter = fourHeartbeats.compareTo(MIN_STALE_AFTER) > 0 ? fourHeartbeats : MIN_STALE_AFTER;
    }

    /** One user's open stream for one event. */
    record Slot(QueueKeys keys, long userId, String id) {

        String key() {
            return keys.streams(userId);
        }
    }

    /**
     * A slot for a new stream; 503 {@code overloaded} while this instance serves all the streams it
     * can, 429 {@code too-many-streams} while the user has the most open for this event.
     */
    Mono<Slot> open(long eventId, long userId) {
        return capacity.check().then(Mono.defer(() -> {
            Slot slot = new Slot(new QueueKeys(prefix, eventId), userId, instance + ":" + streams.incrementAndGet());
            return breakers.redis(redis.execute(scripts.streamOpen, List.of(slot.key()), List.of(slot.id(),
                    Long.toString(staleAfter.toMillis()), Integer.toString(properties.maxStreamsPerUser()))).next())
                // Unless the breaker kept the script from being sent, the answer may be what was lost, not the script:
                // it may have taken the slot all the same. Given back at once, not when stale; sent after the script on
                // the same connection, so it runs after it.
                .onErrorResume(lost -> DependencyBreakers.refusedByBreaker(lost) ? Mono.error(lost) : forget(slot).then(Mono.error(lost)))
                .flatMap(wait -> wait == 0 ? Mono.just(slot) : Mono.error(tooMany(Duration.ofMillis(wait))));
        }));
    }

    /** The stream, holding its slot, which it gives back when it ends, is cancelled or fails. */
    <T> Flux<T> hold(Slot slot, Flux<T> stream) {
        // Checked at open, before the Redis call; taken here, so that streams opened at once cannot all pass.
        Mono<Slot> taken = Mono.defer(() -> capacity.tryTake() ? Mono.just(slot) : forget(slot).then(Mono.error(capacity.full())));
        return Flux.usingWhen(taken,
            held -> stream, this::release, (held, error) -> release(held), this::release);
    }

    /**
     * Marks the slot alive: its stream runs this at every heartbeat. A failed mark is only logged;
     * the slot goes stale unless a later mark gets through, and the stream itself carries on.
     */
    Mono<Void> alive(Slot slot) {
        return breakers.redis(redis.execute(scripts.streamSeen, List.of(slot.key()),
                List.of(slot.id(), Long.toString(staleAfter.toMillis()))).next())
            .onErrorResume(e -> {
                log.debug("Marking stream {} alive failed: {}", slot.id(), e.toString());
                return Mono.empty();
            })
            .then();
    }

    /** The streams this instance serves now. */
    int serving() {
        return capacity.taken();
    }

    private Mono<Void> release(Slot slot) {
        return Mono.fromRunnable(capacity::give).then(forget(slot));
    }

    /** Frees the slot in Redis; one that could not be freed frees itself when stale. */
    private Mono<Void> forget(Slot slot) {
        return breakers.redis(redis.opsForZSet().remove(slot.key(), slot.id()))
            .onErrorResume(e -> {
                log.warn("Releasing stream slot {} failed, it frees itself when stale: {}", slot.id(), e.toString());
                return Mono.empty();
            })
            .then();
    }

    private RuntimeException tooMany(Duration wait) {
        return Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams",
            "You already have " + properties.maxStreamsPerUser() + " position streams open for this event; close one first", wait);
    }
}
