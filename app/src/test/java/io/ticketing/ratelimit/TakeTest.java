package io.ticketing.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading a limiter's answer, as Redis hands a script's table over: strings, and integers as Longs. */
class TakeTest {

    @Test
    void aRefusalSaysWhichBucketWasEmptyAndHowLongToWait() {
        Take take = Take.of(List.of("LIMITED", "address", 1500L));

        assertThat(take).isEqualTo(Take.refused("address", Duration.ofMillis(1500)));
        assertThat(take.allowed()).isFalse();
    }

    @Test
    void theAddressesBucketIsToldApartFromTheAccounts() {
        assertThat(Take.of(List.of("LIMITED", "address", 1L)).byAddress()).isTrue();
        assertThat(Take.of(List.of("LIMITED", "account", 1L)).byAddress()).isFalse();
    }

    @Test
    void anyOtherAnswerIsATakenToken() {
        assertThat(Take.of(List.of("TAKEN"))).isEqualTo(Take.ALLOWED);
        assertThat(Take.of(List.of("WAITING", 3L, 17L, "50", "0"))).as("enter.lua's standing").isEqualTo(Take.ALLOWED);
        assertThat(Take.ALLOWED.allowed()).isTrue();
        assertThat(Take.ALLOWED.retryAfter()).isZero();
    }
}
