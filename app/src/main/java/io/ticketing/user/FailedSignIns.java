package io.ticketing.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.ticketing.system.Digests;
import io.ticketing.system.Guards;
import io.ticketing.system.LuaScripts;
import io.ticketing.system.Problems;

/**
 * Wrong passwords per email and the wait they impose ({@link SignInDelays}), kept for any email,
 * registered or not, so that a slowed-down answer never tells whether an account exists. The
 * record lives in Redis, shared by every instance and timed by Redis's clock (resources/sign-in): one
 * hash per email, forgotten once it no longer counts ({@link SignInDelays#memory()}), deleted by a
 * right password. Without Redis it falls back to this instance's memory, like the rate limits
 * (see {@code RateLimitProperties}): an attacker spread over N instances then guesses at most N
 * times as fast until Redis is back, and nobody is refused for Redis's sake.
 */
@Component
class FailedSignIns {

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> read = LuaScripts.load("sign-in/failures.lua", List.class);
    private final RedisScript<Long> count = LuaScripts.load("sign-in/failed.lua", Long.class);
    private final SignInDelays delays;
    private final List<String> countArgs;
    private final ReactiveStringRedisTemplate redis;
    private final Guards guards;
    private final Clock clock;
    /** The records made while Redis cannot be reached. */
    private final Cache<String, SignInDelays.Failures> fallback;

    FailedSignIns(AuthProperties properties, ReactiveStringRedisTemplate redis, Guards guards, Clock clock) {
        this.delays = new SignInDelays(properties.slowDown());
        this.countArgs = List.of(Long.toString(properties.slowDown().window().toMillis()), Long.toString(delays.memory().toMillis()));
        this.redis = redis;
        this.guards = guards;
        this.clock = clock;
        this.fallback = Caffeine.newBuilder().expireAfterWrite(delays.memory()).maximumSize(1_000_000).build();
    }

    /** The Redis key of an account's failures: hashed, so that no email can reshape the hash tag. */
    static String key(String account) {
        return "{sign-in:" + Digests.sha256(account) + "}:failures";
    }

    /** Completes when the account may try a password now; else 429 with the seconds left to wait. */
    Mono<Void> check(String account) {
        return guards.redis(redis.execute(read, List.of(key(account))).next())
            .map(this::wait)
            .onErrorResume(unreachable -> Mono.fromSupplier(() -> delays.wait(fallback.getIfPresent(account), clock.instant())))
            .flatMap(wait -> wait.isZero() ? Mono.empty() : Mono.error(Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many wrong passwords for this account; retry after the Retry-After delay", wait)));
    }

    Mono<Void> failed(String account) {
        return guards.redis(redis.execute(count, List.of(key(account)), countArgs).then())
            .onErrorResume(unreachable -> Mono.fromRunnable(
                () -> fallback.asMap().compute(account, (key, before) -> delays.failed(before, clock.instant()))));
    }

    /** Forgets the account's failures; a Redis that cannot be reached leaves them to expire. */
    Mono<Void> succeeded(String account) {
        return Mono.fromRunnable(() -> fallback.invalidate(account))
            .then(guards.redis(redis.delete(key(account))).then())
            .onErrorResume(unreachable -> Mono.empty());
    }

    /** The wait that {count, last, now} from failures.lua (Redis's epoch ms) imposes. */
    private Duration wait(List<?> reply) {
        long[] read = reply.stream().mapToLong(value -> ((Number) value).longValue()).toArray();
        SignInDelays.Failures failures = read[0] == 0 ? null : delays.failures((int) read[0], Instant.ofEpochMilli(read[1]));
        return delays.wait(failures, Instant.ofEpochMilli(read[2]));
    }
}
