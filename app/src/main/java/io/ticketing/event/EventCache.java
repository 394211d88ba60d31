package io.ticketing.event;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.ticketing.system.Guards;

/**
 * Event details in Redis for a short time, so that a page refreshed by a crowd before a sale costs
 * one database read per TTL instead of one per request.
 *
 * <p>Fails open: the database is the source of truth, so when Redis is slow or down the detail is
 * read from MySQL and the error is only logged. A cache must never be the reason a page fails.
 */
@Component
class EventCache {

    private static final Logger log = LoggerFactory.getLogger(EventCache.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);

    private final ReactiveStringRedisTemplate redis;
    private final Guards guards;
    private final JsonMapper json;
    private final Duration ttl;

    EventCache(ReactiveStringRedisTemplate redis, Guards guards, JsonMapper json, EventProperties properties) {
        this.redis = redis;
        this.guards = guards;
        this.json = json;
        this.ttl = properties.detailCacheTtl();
    }

    /** Hash-tagged like every per-event key, so that all of an event's keys share a cluster slot. */
    static String key(long eventId) {
        return "{event:" + eventId + "}:detail";
    }

    Mono<EventDetail> get(long eventId) {
        return guards.redis(redis.opsForValue().get(key(eventId)).timeout(REDIS_TIMEOUT))
            .map(value -> json.readValue(value, EventDetail.class))
            .onErrorResume(e -> skip("read", eventId, e));
    }

    Mono<EventDetail> put(EventDetail detail) {
        return Mono.fromCallable(() -> json.writeValueAsString(detail))
            .flatMap(value -> guards.redis(redis.opsForValue().set(key(detail.id()), value, ttl).timeout(REDIS_TIMEOUT)))
            .onErrorResume(e -> skip("write", detail.id(), e))
            .thenReturn(detail);
    }

    Mono<Void> evict(long eventId) {
        return guards.redis(redis.delete(key(eventId)).timeout(REDIS_TIMEOUT))
            .onErrorResume(e -> skip("evict", eventId, e))
            .then();
    }

    private <T> Mono<T> skip(String operation, long eventId, Throwable e) {
        log.warn("Event cache {} for event {} skipped: {}", operation, eventId, e.toString());
        log.debug("Event cache failure", e);
        return Mono.empty();
    }
}
