package io.ticketing.user;

import io.ticketing.security.AuthProperties;
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

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.redis.LuaScripts;
import io.ticketing.web.Problems;

/**
 * Wrong passwords and the waits they impose ({@link SignInDelays}), counted two ways so that
 * guessing stays slow while a stranger cannot keep the owner out:
 * <ul>
 * <li>per account <em>and</em> address: a few wrong passwords from one address slow down that
 * address's sign-ins to that account, nobody else's;</li>
 * <li>per account, from every address: past the account-wide ceiling, guessing spread over many
 * addresses is slowed down too, for every address except those the account signed in from before
 * (a guesser cannot make an address known without the password).</li>
 * </ul>
 * Kept for any email, registered or not, so that a slowed-down answer never tells whether an account
 * exists. The records live in Redis, shared by every instance and timed by Redis's clock
 * (resources/lua/sign-in), each forgotten once it no longer counts ({@link SignInDelays#memory()}).
 * Without Redis it falls back to this instance's memory, like the rate limits (see
 * {@code RateLimitProperties}): an attacker spread over N instances then guesses at most N times as
 * fast until Redis is back, nobody is refused for Redis's sake, and the ceiling spares no address,
 * since the known ones are in Redis.
 */
@Component
class FailedSignIns {

    /** Addresses remembered per account as its owner's: a household's, a phone's, a workplace's. */
    private static final int KNOWN_ADDRESSES = 20;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> read = LuaScripts.load("sign-in/failures.lua", List.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> count = LuaScripts.load("sign-in/failed.lua", List.class);
    private final RedisScript<Long> succeed = LuaScripts.load("sign-in/succeeded.lua", Long.class);
    private final SignInDelays fromOneAddress;
    private final SignInDelays fromEveryAddress;
    private final List<String> countArgs;
    private final Duration rememberAddresses;
    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final Clock clock;
    /** The records made while Redis cannot be reached, by the Redis key they stand for. */
    private final Cache<String, SignInDelays.Failures> fallback;

    FailedSignIns(AuthProperties properties, ReactiveStringRedisTemplate redis, DependencyBreakers breakers, Clock clock) {
        AuthProperties.SlowDown slowDown = properties.slowDown();
        this.fromOneAddress = new SignInDelays(slowDown.afterFailures(), slowDown);
        this.fromEveryAddress = new SignInDelays(slowDown.accountCeiling(), slowDown);
        Duration memory = fromOneAddress.memory();
        this.countArgs = List.of(Long.toString(slowDown.window().toMillis()), Long.toString(memory.toMillis()));
        this.rememberAddresses = slowDown.rememberAddresses();
        this.redis = redis;
        this.breakers = breakers;
        this.clock = clock;
        this.fallback = Caffeine.newBuilder().expireAfterWrite(memory).maximumSize(1_000_000).build();
    }

    /** Completes when the attempt may try a password now; else 429 with the seconds left to wait. */
    Mono<Void> check(SignInAttempt attempt) {
        return breakers.redis(redis.execute(read, attempt.keys(), List.of(attempt.addressDigest())).next())
            .map(this::wait)
            .onErrorResume(unreachable -> Mono.fromSupplier(() -> waitHere(attempt)))
            .flatMap(wait -> wait.isZero() ? Mono.empty() : Mono.error(Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many wrong passwords for this account; retry after the Retry-After delay", wait)));
    }

    Mono<Void> failed(SignInAttempt attempt) {
        return breakers.redis(redis.execute(count, List.of(attempt.fromHere(), attempt.everywhere()), countArgs).then())
            .onErrorResume(unreachable -> Mono.fromRunnable(() -> {
                Instant now = clock.instant();
                fallback.asMap().compute(attempt.fromHere(), (key, before) -> fromOneAddress.failed(before, now));
                fallback.asMap().compute(attempt.everywhere(), (key, before) -> fromEveryAddress.failed(before, now));
            }));
    }

    /** Forgets the wrong passwords from this address and remembers it; a Redis that cannot be reached leaves them to expire. */
    Mono<Void> succeeded(SignInAttempt attempt) {
        return Mono.fromRunnable(() -> fallback.invalidate(attempt.fromHere()))
            .then(breakers.redis(redis.execute(succeed, List.of(attempt.fromHere(), attempt.knownAddresses()),
                List.of(attempt.addressDigest(), Long.toString(rememberAddresses.toMillis()), Integer.toString(KNOWN_ADDRESSES))).then()))
            .onErrorResume(unreachable -> Mono.empty());
    }

    /** The wait that failures.lua's reply imposes: the longer of this address's and, unless the address is known, the account's. */
    private Duration wait(List<?> reply) {
        long[] read = reply.stream().mapToLong(value -> ((Number) value).longValue()).toArray();
        Instant now = Instant.ofEpochMilli(read[5]);
        Duration here = fromOneAddress.wait(failures(fromOneAddress, read[0], read[1]), now);
        Duration everywhere = read[4] == 1 ? Duration.ZERO : fromEveryAddress.wait(failures(fromEveryAddress, read[2], read[3]), now);
        return longer(here, everywhere);
    }

    private static SignInDelays.Failures failures(SignInDelays delays, long count, long last) {
        return count == 0 ? null : delays.failures((int) count, Instant.ofEpochMilli(last));
    }

    private Duration waitHere(SignInAttempt attempt) {
        Instant now = clock.instant();
        Duration here = fromOneAddress.wait(fallback.getIfPresent(attempt.fromHere()), now);
        Duration everywhere = fromEveryAddress.wait(fallback.getIfPresent(attempt.everywhere()), now);
        return longer(here, everywhere);
    }

    private static Duration longer(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
