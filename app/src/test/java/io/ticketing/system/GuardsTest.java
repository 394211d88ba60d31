package io.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/** Which timeouts count against Redis: only those of calls during which Redis answered nobody. */
class GuardsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .recordExceptions(TimeoutException.class)
        .ignoreExceptions(ErrorResponseException.class)
        .build());
    private final Guards guards = new Guards(breakers, TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(TIMEOUT).build()),
        new SimpleMeterRegistry());
    private final CircuitBreaker redis = breakers.circuitBreaker("redis");

    @Test
    void aTimeoutWhileRedisAnsweredOtherCallsIsThisServersOverloadNotARedisFailure() {
        StepVerifier.withVirtualTime(() -> guards.redis(Mono.never()))
            .thenAwait(Duration.ofSeconds(1))
            .then(() -> guards.redis(Mono.just("PONG")).as(StepVerifier::create).expectNext("PONG").verifyComplete())
            .thenAwait(Duration.ofSeconds(1))
            .expectErrorSatisfies(error -> {
                assertThat(error).isInstanceOf(ErrorResponseException.class);
                ErrorResponseException problem = (ErrorResponseException) error;
                assertThat(problem.getStatusCode().value()).isEqualTo(503);
                assertThat(problem.getBody().getType()).isEqualTo(Problems.type("overloaded"));
                assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            })
            .verify();

        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aTimeoutDuringWhichRedisAnsweredNobodyCountsAgainstRedis() {
        timeOutWithoutAnAnswer();

        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anAnswerBeforeTheCallStartedDoesNotExcuseItsTimeout() {
        guards.redis(Mono.just("PONG")).as(StepVerifier::create).expectNext("PONG").verifyComplete();

        timeOutWithoutAnAnswer();

        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aSlowServerNeverOpensTheBreakerWhileRedisAnswers() {
        for (int i = 0; i < 200; i++) {
            StepVerifier.withVirtualTime(() -> guards.redis(Mono.never()))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> guards.redis(Mono.just("PONG")).as(StepVerifier::create).expectNext("PONG").verifyComplete())
                .thenAwait(Duration.ofSeconds(1))
                .expectError(ErrorResponseException.class)
                .verify();
        }

        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** A call Redis never answers, while it answers nothing else either. */
    private void timeOutWithoutAnAnswer() {
        StepVerifier.withVirtualTime(() -> guards.redis(Mono.never()))
            .thenAwait(TIMEOUT)
            .expectError(TimeoutException.class)
            .verify();
    }
}
