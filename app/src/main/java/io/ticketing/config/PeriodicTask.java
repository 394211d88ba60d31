package io.ticketing.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Background work every instance repeats (admission ticks, hold expiry, metrics, checks): one run
 * at a time, a run that falls behind drops the ticks it missed rather than queueing them, and a
 * failed run is logged and retried on the next tick. Starts with the application context and
 * stops with it.
 * <p>
 * Not Spring's {@code @Scheduled} on a reactive method: its fixedRate overlaps runs and its fixedDelay
 * holds a scheduler thread for each whole run (PeriodicTaskTest shows both).
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile Disposable running;

    protected abstract Duration period();

    protected abstract Mono<?> runOnce();

    /** Where the ticks come from; a test gives its own virtual clock rather than swap Reactor's for every test in the JVM. */
    protected Scheduler ticks() {
        return Schedulers.parallel();
    }

    /** One run now, outside the schedule (tests, and an operator's nudge). */
    public final Mono<Void> runNow() {
        return runOnce().then();
    }

    @Override
    public void start() {
        running = Flux.interval(period(), ticks())
            .onBackpressureDrop()
            .concatMap(tick -> runOnce().then().onErrorResume(e -> {
                log.warn("{} failed: {}", getClass().getSimpleName(), e.toString());
                return Mono.empty();
            }), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
