package io.ticketing.event;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.redis.RedisKeys;

/**
 * Event details in Redis for a short time, so that a page refreshed by a crowd before a sale costs
 * one database read per TTL instead of one per request.
 *
 * <p>Never staler than the last finished change: every change of an event's seats bumps the
 * event's version and deletes its detail in one step ({@link #evict}), and a detail read from the
 * database is only stored if the version read before that database read is still the current one
 * ({@link #put}). A read that started before a change, and so may carry the counts from before it,
 * can therefore never store them after the change; without the version it would, and they would
 * be served until the TTL, which remains as a backstop for a change whose eviction failed.
 *
 * <p>Fails open: the database is the source of truth, so when Redis is slow or down the detail is
 * read from MySQL and the error is only logged. A cache must never be the reason a page fails.
 */
@Component
class EventCache {

    private static final Logger log = LoggerFactory.getLogger(EventCache.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);
    /**
     * Far longer than any read takes: a version that expired and started over between a read and
     * its store could match again. Refreshed by every change, so only events that stopped changing lose it.
     */
    static final Duration VERSION_TTL = Duration.ofDays(1);
    /** What a read records when Redis could not tell the version: such a read is never stored. */
    static final long UNKNOWN = -1;

    /** KEYS: version, detail. ARGV: the version the reader saw before its database read, the detail, its TTL in ms. */
    private static final RedisScript<Long> STORE = RedisScript.of("""
        if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then
          return 0
        end
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        return 1
        """, Long.class);

    /** KEYS: version, detail. ARGV: the version's TTL in ms. */
    private static final RedisScript<Long> CHANGE = RedisScript.of("""
        local version = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2])
        return version
        """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final JsonMapper json;
    private final Duration ttl;
    private final RedisKeys prefix;

    EventCache(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, JsonMapper json, EventProperties properties, RedisKeys prefix) {
        this.prefix = prefix;
        this.redis = redis;
        this.breakers = breakers;
        this.json = json;
        this.ttl = properties.detailCacheTtl();
    }

    /**
     * Hash-tagged like every per-event key, so that all of an event's keys share a cluster slot;
     * behind the deployment's prefix, like every key.
     */
    static String key(RedisKeys prefix, long eventId) {
        return prefix.key("{event:" + eventId + "}:detail");
    }

    /** The event's version: how many changes of its seats were announced (absent before the first). */
    static String versionKey(RedisKeys prefix, long eventId) {
        return prefix.key("{event:" + eventId + "}:version");
    }

    /**
     * What Redis holds of an event.
     *
     * @param version the event's version when it was read; {@link #UNKNOWN} when Redis did not answer
     * @param detail  the cached detail, or null on a miss
     */
    record Lookup(long version, EventDetail detail) {

        static final Lookup UNAVAILABLE = new Lookup(UNKNOWN, null);
    }

    /** The version and the detail in one round trip (one slot, so one MGET even in a cluster). */
    Mono<Lookup> get(long eventId) {
        return breakers.redis(redis.opsForValue().multiGet(List.of(versionKey(prefix, eventId), key(prefix, eventId))).timeout(REDIS_TIMEOUT))
            .map(values -> new Lookup(values.get(0) == null ? 0 : Long.parseLong(values.get(0)), detail(eventId, values.get(1))))
            .onErrorResume(e -> skip("read", eventId, e))
            .defaultIfEmpty(Lookup.UNAVAILABLE);
    }

    /** A detail that no longer reads (another version's layout) is a miss: the load that follows replaces it. */
    private EventDetail detail(long eventId, String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, EventDetail.class);
        }
        catch (RuntimeException e) {
            log.warn("Cached detail of event {} does not read, loading it again: {}", eventId, e.toString());
            return null;
        }
    }

    /**
     * Stores a detail read from the database, unless the event changed since {@code version} was
     * read (before that database read): then the detail may predate the change, and the next
     * reader loads again.
     */
    Mono<EventDetail> put(EventDetail detail, long version) {
        if (version == UNKNOWN) {
            return Mono.just(detail);
        }
        return Mono.fromCallable(() -> json.writeValueAsString(detail))
            .flatMap(value -> breakers.redis(redis.execute(STORE, List.of(versionKey(prefix, detail.id()), key(prefix, detail.id())),
                List.of(Long.toString(version), value, Long.toString(Math.max(1, ttl.toMillis())))).next().timeout(REDIS_TIMEOUT)))
            .onErrorResume(e -> skip("write", detail.id(), e))
            .thenReturn(detail);
    }

    /** The event's seats changed: reads that started before now can no longer store what they read. */
    Mono<Void> evict(long eventId) {
        return breakers.redis(redis.execute(CHANGE, List.of(versionKey(prefix, eventId), key(prefix, eventId)), List.of(Long.toString(VERSION_TTL.toMillis())))
                .next().timeout(REDIS_TIMEOUT))
            .onErrorResume(e -> skip("evict", eventId, e))
            .then();
    }

    private <T> Mono<T> skip(String operation, long eventId, Throwable e) {
        log.warn("Event cache {} for event {} skipped: {}", operation, eventId, e.toString());
        log.debug("Event cache failure", e);
        return Mono.empty();
    }
}
