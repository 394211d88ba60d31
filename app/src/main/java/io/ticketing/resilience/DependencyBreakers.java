package io.ticketing.resilience;

import io.ticketing.web.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.lettuce.core.RedisCommandTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * A timeout and a circuit breaker around every call to Redis and to MySQL (instances
 * {@code redis} and {@code database} under {@code resilience4j.*}). A dependency that fails or
 * stalls opens its breaker, and from then on requests that need it answer 503 with Retry-After
 * at once instead of queueing into timeouts and taking connections, threads and memory with
 * them; half-open probes close it again within seconds of the dependency's return. Which
 * requests fail and which carry on without the dependency is each feature's policy (docs/operations.md,
 * "Failure policy").
 * <p>
 * A timeout counts against the dependency only when it answered no other call while this one
 * waited. An instance pushed past its capacity queues its own calls (behind its event loops, or
 * behind thousands of commands pipelined on one connection) until they time out, while the
 * dependency answers everything in microseconds; blaming it would open the breaker and turn an
 * overloaded instance into one that refuses everything, admin included. Such a timeout answers
 * 503 {@code overloaded} with Retry-After and leaves the breaker alone. A dependency that stalls
 * answers nobody, so its timeouts still count, as do its errors.
 */
@Component
public class DependencyBreakers {

    private static final String UNAVAILABLE_SLUG = "unavailable";
    private static final URI UNAVAILABLE = Problems.type(UNAVAILABLE_SLUG);

    private final Guard redis;
    private final Guard database;

    DependencyBreakers(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters, MeterRegistry meters) {
        // Redis calls are timed out by Lettuce itself (spring.data.redis.timeout), on a timer wheel: a
        // time limiter per call would add a scheduled task and a timeout operator to every command.
        this.redis = new Guard("Redis", breakers.circuitBreaker("redis"), null, calls(meters, "redis"));
        this.database = new Guard("The database", breakers.circuitBreaker("database"), timeLimiters.timeLimiter("database"),
            calls(meters, "database"));
    }

    /**
     * One timer per dependency, registered once: the dashboard's latency of Redis and of MySQL as the
     * service sees it, for the price of two clock reads per call. Lettuce's own observation of every
     * command (per-command tags, an Observation each) cost more than the rest of a queue entry's
     * metrics together and is switched off (application.yml).
     */
    private static Timer calls(MeterRegistry meters, String dependency) {
        return Timer.builder("ticketing.dependency.calls")
            .description("Guarded calls to a dependency, from the call to its answer, error or timeout")
            .tag("dependency", dependency)
            .register(meters);
    }

    public <T> Mono<T> redis(Mono<T> call) {
        return redis.apply(call);
    }

    public <T> Mono<T> database(Mono<T> call) {
        return database.apply(call);
    }

    /**
     * Whether a guarded call failed because the dependency could not answer: its error, a timeout
     * during which it answered nobody, or its open breaker. Not when it answered others while this
     * instance was too busy to hear its answer (503 {@code overloaded}): a fallback made for an absent
     * dependency must not stand in for what it would have said.
     */
    public static boolean unanswered(Throwable failure) {
        return !(failure instanceof ErrorResponseException) || refusedByBreaker(failure);
    }

    /** Whether a guarded call failed at its open breaker, before anything was sent to the dependency. */
    public static boolean refusedByBreaker(Throwable failure) {
        return failure instanceof ErrorResponseException problem && UNAVAILABLE.equals(problem.getBody().getType());
    }

    /** The state of the Redis breaker (CLOSED, OPEN, HALF_OPEN...), for the operator's console. */
    public String redisState() {
        return redis.breaker().getState().name();
    }

    /** The state of the database breaker, for the operator's console. */
    public String databaseState() {
        return database.breaker().getState().name();
    }

    /** The longest one guarded database call may take. */
    public Duration databaseTimeout() {
        return database.timeLimiter().getTimeLimiterConfig().getTimeoutDuration();
    }

    private record Guard(String name, CircuitBreaker breaker, TimeLimiter timeLimiter, Timer calls, AtomicLong answers) {

        Guard(String name, CircuitBreaker breaker, TimeLimiter timeLimiter, Timer calls) {
            this(name, breaker, timeLimiter, calls, new AtomicLong());
        }

        <T> Mono<T> apply(Mono<T> call) {
            // The breaker outside the timeout, so that a stall counts as a failure.
            return Mono.defer(() -> {
                    long answersBefore = answers.get();
                    long started = System.nanoTime();
                    Mono<T> answered = call.doOnSuccess(answer -> answers.incrementAndGet());
                    return (timeLimiter == null ? answered : answered.transformDeferred(TimeLimiterOperator.of(timeLimiter)))
                        .doFinally(signal -> calls.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                        .onErrorMap(timeout -> timedOut(timeout) && answers.get() > answersBefore, this::overloaded);
                })
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, this::unavailable);
        }

        private static boolean timedOut(Throwable error) {
            // The limiter's own, or the driver's (Lettuce's command timeout, as Spring translates it or not).
            return error instanceof TimeoutException || error instanceof QueryTimeoutException || error instanceof RedisCommandTimeoutException;
        }

        private RuntimeException overloaded(Throwable timeout) {
            return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "This server is too busy to answer in time; retry after the Retry-After delay", Duration.ofSeconds(1));
        }

        private RuntimeException unavailable(CallNotPermittedException refused) {
            Duration wait = Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
            return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE_SLUG,
                name + " is unavailable right now; retry after the Retry-After delay", wait);
        }
    }
}
