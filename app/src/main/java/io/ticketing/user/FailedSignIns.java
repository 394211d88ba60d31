package io.ticketing.user;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.ticketing.system.Problems;

/**
 * Wrong passwords per email and the wait they impose ({@link SignInDelays}), kept for any email,
 * registered or not, so that a slowed-down answer never tells whether an account exists. The
 * counts live in this instance's memory like the rate limits' (both are to move to Redis);
 * until then an attacker spread over N instances guesses at most N times as fast.
 */
@Component
class FailedSignIns {

    private final SignInDelays delays;
    private final Clock clock;
    private final Cache<String, SignInDelays.Failures> failures;

    FailedSignIns(AuthProperties properties, Clock clock) {
        this.delays = new SignInDelays(properties.slowDown());
        this.clock = clock;
        this.failures = Caffeine.newBuilder().expireAfterWrite(delays.memory()).maximumSize(1_000_000).build();
    }

    /** Completes when the account may try a password now; else 429 with the seconds left to wait. */
    Mono<Void> check(String account) {
        return Mono.defer(() -> {
            Duration wait = delays.wait(failures.getIfPresent(account), clock.instant());
            if (wait.isZero()) {
                return Mono.empty();
            }
            return Mono.error(Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many wrong passwords for this account; retry after the Retry-After delay", wait));
        });
    }

    void failed(String account) {
        failures.asMap().compute(account, (key, before) -> delays.failed(before, clock.instant()));
    }

    void succeeded(String account) {
        failures.invalidate(account);
    }
}
