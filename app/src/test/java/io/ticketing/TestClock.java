package io.ticketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Real time plus an offset that tests move forward, so that expiry, rates and sale windows are
 * tested by moving time instead of sleeping.
 */
public class TestClock extends Clock {

    /** Puts a {@link TestClock} in place of the service's clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    private final AtomicLong offsetMillis = new AtomicLong();
    private final LongSupplier baseMillis;

    public TestClock() {
        this(null);
    }

    /** A clock that follows {@code baseMillis} (null: real time, to the microsecond) instead: a test's VirtualTimeScheduler's, say. */
    public TestClock(LongSupplier baseMillis) {
        this.baseMillis = baseMillis;
    }

    /** Back to real time: each test starts there, so that moves never add up over a suite. */
    public void reset() {
        offsetMillis.set(0);
    }

    public void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }

    @Override
    public Instant instant() {
        Instant base = baseMillis == null ? Instant.now() : Instant.ofEpochMilli(baseMillis.getAsLong());
        return base.plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
