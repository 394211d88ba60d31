package io.ticketing.ratelimit;

import io.ticketing.redis.LuaScripts;
import io.ticketing.resilience.DependencyBreakers;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis, one Lua script call per take (lua/ratelimit/token-bucket.lua), so every instance
 * takes from the same bucket and no two takes interleave. Errors, timeouts and an open breaker
 * come out as errors: what to do without Redis is the caller's decision.
 */
@Component
class TokenBuckets {

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> take = LuaScripts.load("ratelimit/token-bucket.lua", List.class);
    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;

    TokenBuckets(ReactiveStringRedisTemplate redis, DependencyBreakers breakers) {
        this.redis = redis;
        this.breakers = breakers;
    }

    /** Takes one token from the bucket at {@code keys}, which holds {@code capacity} and refills it all over {@code window}. */
    Mono<Take> take(RateLimitKeys keys, int capacity, Duration window) {
        return breakers.redis(redis.execute(take, keys.forTake(), List.of(Integer.toString(capacity), Long.toString(window.toMillis()))).next())
            .map(Take::of);
    }
}
