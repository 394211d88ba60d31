package io.ticketing.reservation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Outcome and latency of every hold, confirm, cancel and taken offer: {@code ticketing_reservations_seconds}
 * with {@code operation} and {@code outcome} tags, the outcome being the problem type a caller
 * got (sold-out, seats-taken, busy, hold-expired, …) or the success. HTTP metrics only see status
 * codes; a sale is judged by these.
 */
@Component
class ReservationMetrics {

    private final MeterRegistry meters;
    /** One timer per operation and outcome, built once: the hold path should not build meters. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ReservationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    <T> Mono<T> timed(String operation, String success, Mono<T> call) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            // Some operators cancel upstream after the value: the first signal is the outcome.
            AtomicBoolean recorded = new AtomicBoolean();
            Consumer<String> record = outcome -> {
                if (recorded.compareAndSet(false, true)) {
                    stop(sample, operation, outcome);
                }
            };
            return call.doOnNext(value -> record.accept(success))
                .doOnError(error -> record.accept(outcome(error)))
                .doOnCancel(() -> record.accept("client-gone"));
        });
    }

    private void stop(Timer.Sample sample, String operation, String outcome) {
        sample.stop(timers.computeIfAbsent(operation + ' ' + outcome, key -> Timer.builder("ticketing.reservations")
            .description("Holds, confirmations and cancellations by outcome")
            .tags("operation", operation, "outcome", outcome)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(meters)));
    }

    static String outcome(Throwable error) {
        if (error instanceof ErrorResponseException problem && problem.getBody().getType() != null) {
            String type = problem.getBody().getType().toString();
            return type.substring(type.lastIndexOf(':') + 1);
        }
        return "error";
    }
}
