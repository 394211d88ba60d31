package io.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * What PeriodicTask promises, in virtual time, and why it is not Spring's {@code @Scheduled} on a
 * method returning a Mono: there, fixedRate subscribes at every tick whether or not the last run
 * ended, and fixedDelay waits for each run on a scheduler thread, so one slow run holds up every
 * other task of the scheduler (one thread by default in Boot: spring.task.scheduling.pool.size).
 */
class PeriodicTaskTest {

    /** This test's own clock: Reactor's shared schedulers keep serving the contexts other tests left running. */
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @AfterEach
    void stopTheClock() {
        time.dispose();
    }

    @Test
    void aRunLongerThanThePeriodNeverOverlapsTheNextAndMissedTicksAreDropped() {
        Runs runs = new Runs();
        Task task = new Task(time, Duration.ofSeconds(1), () -> runs.counted(Mono.delay(Duration.ofMillis(3500), time).then()));

        task.start();
        time.advanceTimeBy(Duration.ofSeconds(10));
        task.stop();

        assertThat(runs.mostAtOnce.get()).isEqualTo(1);
        assertThat(runs.started.get()).as("ten ticks, but runs of 3.5 s").isLessThanOrEqualTo(3);
    }

    @Test
    void aFailedRunIsRetriedAtTheNextTick() {
        AtomicInteger attempts = new AtomicInteger();
        Task task = new Task(time, Duration.ofSeconds(1),
            () -> Mono.defer(() -> attempts.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("first run fails")) : Mono.empty()));

        task.start();
        time.advanceTimeBy(Duration.ofSeconds(2));
        task.stop();

        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void stoppingCancelsTheRunAndTheSchedule() {
        Runs runs = new Runs();
        Task task = new Task(time, Duration.ofSeconds(1), () -> runs.counted(Mono.never()));

        task.start();
        time.advanceTimeBy(Duration.ofSeconds(1));
        task.stop();
        time.advanceTimeBy(Duration.ofSeconds(5));

        assertThat(task.isRunning()).isFalse();
        assertThat(runs.started.get()).isEqualTo(1);
        assertThat(runs.running.get()).as("the run in progress was cancelled").isZero();
    }

    @Test
    void runNowRunsOnceOutsideTheSchedule() {
        Runs runs = new Runs();
        Task task = new Task(time, Duration.ofHours(1), () -> runs.counted(Mono.empty()));

        task.runNow().block(Duration.ofSeconds(1));

        assertThat(runs.started.get()).isEqualTo(1);
    }

    @Test
    void springsFixedRateOnAMonoStartsARunBeforeTheLastEnded() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(FixedRate.class)) {
            Runs runs = context.getBean(FixedRate.class).runs;

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.mostAtOnce.get() >= 2);
        }
    }

    @Test
    void springsFixedDelayOnAMonoHoldsASchedulerThreadForTheWholeRun() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(FixedDelay.class)) {
            FixedDelay tasks = context.getBean(FixedDelay.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> tasks.slow.running.get() == 1);
            int ticks = tasks.fast.started.get();

            // While the slow run waits on nothing but a Mono, the other task gets no tick at all.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> tasks.fast.started.get() == ticks);
            tasks.release.tryEmitEmpty();
        }
    }

    /** Counts runs started, in progress and the most in progress at once. */
    static final class Runs {

        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        Mono<Void> counted(Mono<Void> run) {
            return Mono.defer(() -> {
                started.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                // Counted down before the end reaches the subscriber, which may start the next run at once.
                return run.doOnTerminate(running::decrementAndGet).doOnCancel(running::decrementAndGet);
            });
        }
    }

    private static final class Task extends PeriodicTask {

        private final Scheduler ticks;
        private final Duration period;
        private final Supplier<Mono<Void>> run;

        Task(Scheduler ticks, Duration period, Supplier<Mono<Void>> run) {
            this.ticks = ticks;
            this.period = period;
            this.run = run;
        }

        @Override
        protected Scheduler ticks() {
            return ticks;
        }

        @Override
        protected Duration period() {
            return period;
        }

        @Override
        protected Mono<?> runOnce() {
            return run.get();
        }
    }

    /** Boot's default: one scheduler thread. */
    @Configuration(proxyBeanMethods = false)
    static class OneThread {

        @Bean
        ThreadPoolTaskScheduler taskScheduler() {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(1);
            return scheduler;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @Import(OneThread.class)
    static class FixedRate {

        final Runs runs = new Runs();

        @Scheduled(fixedRate = 20)
        Mono<Void> run() {
            return runs.counted(Mono.never());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @Import(OneThread.class)
    static class FixedDelay {

        final Runs slow = new Runs();
        final Runs fast = new Runs();
        /** Ends the slow run, else the context's close waits for the thread it holds. */
        final Sinks.Empty<Void> release = Sinks.empty();

        @Scheduled(fixedDelay = 20)
        Mono<Void> slowRun() {
            return slow.counted(release.asMono());
        }

        @Scheduled(fixedDelay = 20)
        Mono<Void> fastRun() {
            return fast.counted(Mono.empty());
        }
    }
}
