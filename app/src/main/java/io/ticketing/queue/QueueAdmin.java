package io.ticketing.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.redis.RedisKeys;

/** Live figures and settings of one event's waiting room; settings live in Redis, so every instance sees a change at its next tick. */
@Service
class QueueAdmin {

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueProperties properties;
    private final QueueScripts scripts;
    private final RedisKeys prefix;

    QueueAdmin(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueProperties properties, QueueScripts scripts, RedisKeys prefix) {
        this.prefix = prefix;
        this.redis = redis;
        this.breakers = breakers;
        this.properties = properties;
        this.scripts = scripts;
    }

    Mono<QueueStats> stats(long eventId) {
        QueueKeys keys = new QueueKeys(prefix, eventId);
        var hash = redis.<String, String>opsForHash();
        return breakers.redis(Mono.zip(
                redis.opsForZSet().size(keys.line()),
                redis.execute(scripts.active, List.of(keys.admitted())).next(),
                hash.multiGet(keys.stats(), List.of("admitted", "skipped")),
                hash.multiGet(keys.config(), List.of("rate", "maxActive", "paused")))
            .map(t -> new QueueStats(t.getT1(), number(t.getT3().get(0), 0), t.getT2(), number(t.getT3().get(1), 0),
                (int) number(t.getT4().get(0), properties.admissionRatePerSecond()),
                (int) number(t.getT4().get(1), properties.maxActive()),
                "1".equals(t.getT4().get(2)))));
    }

    Mono<QueueStats> configure(long eventId, QueueSettings settings) {
        Map<String, String> changes = new HashMap<>();
        if (settings.admissionRatePerSecond() != null) {
            changes.put("rate", settings.admissionRatePerSecond().toString());
        }
        if (settings.maxActive() != null) {
            changes.put("maxActive", settings.maxActive().toString());
        }
        if (settings.paused() != null) {
            changes.put("paused", settings.paused() ? "1" : "0");
        }
        Mono<Boolean> write = changes.isEmpty() ? Mono.just(true) : redis.<String, String>opsForHash().putAll(new QueueKeys(prefix, eventId).config(), changes);
        return breakers.redis(write).then(stats(eventId));
    }

    private static long number(String value, long fallback) {
        return value == null ? fallback : Long.parseLong(value);
    }

    record QueueStats(long waiting, long admitted, long active, long skipped, int admissionRatePerSecond, int maxActive, boolean paused) {
    }

    record QueueSettings(
        @Min(0) @Max(100_000) Integer admissionRatePerSecond,
        @Min(0) @Max(10_000_000) Integer maxActive,
        Boolean paused) {
    }
}
