package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;

class PasswordHasherTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PasswordHasher hasher = new PasswordHasher(
        new AuthProperties(null, Duration.ofHours(1), 4, 1, 10, "admin@example.com", null,
            new AuthProperties.SlowDown(5, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15), 20, Duration.ofDays(30)),
            DataSize.ofMegabytes(32)),
        meters);

    @AfterEach
    void dispose() {
        hasher.destroy();
    }

    @Test
    void hashingRunsOnItsOwnSchedulerNotTheCallers() {
        Mono.defer(() -> hasher.hash("secret-password"))
            .map(hash -> Thread.currentThread().getName())
            .subscribeOn(Schedulers.parallel())
            .as(StepVerifier::create)
            .assertNext(thread -> assertThat(thread).startsWith("password-hash"))
            .verifyComplete();
    }

    @Test
    void aHashMatchesOnlyItsPassword() {
        hasher.hash("secret-password")
            .flatMap(hash -> Mono.zip(hasher.matches("secret-password", hash), hasher.matches("other-password", hash)))
            .as(StepVerifier::create)
            .assertNext(result -> {
                assertThat(result.getT1()).isTrue();
                assertThat(result.getT2()).isFalse();
            })
            .verifyComplete();
    }

    @Test
    void withoutAHashTheDecoyCheckAlwaysSaysNo() {
        hasher.matches("decoy-password-for-timing", Optional.empty())
            .as(StepVerifier::create)
            .expectNext(false)
            .verifyComplete();
    }

    @Test
    void withOrWithoutAHashAnAnswerCostsOneCheck() {
        hasher.hash("secret-password")
            .flatMap(hash -> hasher.matches("wrong-password", Optional.of(hash)))
            .then(hasher.matches("wrong-password", Optional.empty()))
            .as(StepVerifier::create)
            .expectNext(false)
            .verifyComplete();

        assertThat(meters.get("ticketing.password.checks").counter().count()).isEqualTo(2);
    }
}
