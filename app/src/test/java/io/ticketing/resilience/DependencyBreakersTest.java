package io.ticketing.resilience;

import io.ticketing.web.Problems;
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
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * Which timeouts count against a dependency: only those of calls during which it answered
 * nobody. Redis calls time out in Lettuce (here: the driver's timeout error, when the test says);
 * database calls in the guard's own time limiter.
 */
class DependencyBreakersTest {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(5);

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .recordExceptions(TimeoutException.class, QueryTimeoutException.class)
        .ignoreExceptions(ErrorResponseException.class)
        .build());
    private final DependencyBreakers breakers = new DependencyBreakers(registry,
        TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(DATABASE_TIMEOUT).build()), new SimpleMeterRegistry());
    private final CircuitBreaker redis = registry.circuitBreaker("redis");
    private final CircuitBreaker database = registry.circuitBreaker("database");

    @Test
    void aTimeoutWhileRedisAnsweredOtherCallsIsThisServersOverloadNotARedisFailure() {
        Sinks.One<String> slow = Sinks.one();

        breakers.redis(slow.asMono()).as(StepVerifier::create)
            .then(this::redisAnswersAnotherCall)
            .then(() -> timeOut(slow))
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
        timeOutUnanswered();

        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anAnswerBeforeTheCallStartedDoesNotExcuseItsTimeout() {
        redisAnswersAnotherCall();

        timeOutUnanswered();

        assertThat(redis.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aSlowServerNeverOpensTheBreakerWhileRedisAnswers() {
        for (int i = 0; i < 200; i++) {
            Sinks.One<String> slow = Sinks.one();
            breakers.redis(slow.asMono()).as(StepVerifier::create)
                .then(this::redisAnswersAnotherCall)
                .then(() -> timeOut(slow))
                .expectError(ErrorResponseException.class)
                .verify();
        }

        assertThat(redis.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDatabaseCallThatOutlivesItsTimeLimitTimesOutAndCounts() {
        // Real time, briefly: the limiter times out on Reactor's shared parallel scheduler, and a
        // virtual one installed for the whole JVM would stop the schedulers of the contexts that
        // other tests leave running.
        DependencyBreakers quick = new DependencyBreakers(registry,
            TimeLimiterRegistry.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(50)).build()), new SimpleMeterRegistry());

        quick.database(Mono.never())
            .as(StepVerifier::create)
            .expectError(TimeoutException.class)
            .verify(Duration.ofSeconds(10));

        assertThat(database.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    /** A Redis call that times out while Redis answers nothing else: the error reaches the caller as it is. */
    private void timeOutUnanswered() {
        Sinks.One<String> slow = Sinks.one();
        breakers.redis(slow.asMono()).as(StepVerifier::create)
            .then(() -> timeOut(slow))
            .expectError(QueryTimeoutException.class)
            .verify();
    }

    private void redisAnswersAnotherCall() {
        breakers.redis(Mono.just("PONG")).as(StepVerifier::create).expectNext("PONG").verifyComplete();
    }

    /** What Lettuce's command timeout looks like once Spring has translated it. */
    private static void timeOut(Sinks.One<String> call) {
        call.tryEmitError(new QueryTimeoutException("Redis command timed out"));
    }
}
