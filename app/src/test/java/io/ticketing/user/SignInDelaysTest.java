package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The slow-down's arithmetic on a fake clock: {@code now} is moved by hand. */
class SignInDelaysTest {

    private final SignInDelays delays = new SignInDelays(
        new AuthProperties.SlowDown(3, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15), 20, Duration.ofDays(30)));
    private Instant now = Instant.parse("2030-01-01T10:00:00Z");

    private SignInDelays.Failures fail(SignInDelays.Failures before, int times) {
        SignInDelays.Failures failures = before;
        for (int i = 0; i < times; i++) {
            failures = delays.failed(failures, now);
        }
        return failures;
    }

    @Test
    void wrongPasswordsBelowTheAllowanceCostNoWait() {
        assertThat(delays.wait(fail(null, 2), now)).isZero();
    }

    @Test
    void theAllowanceUsedUpStartsTheFirstDelay() {
        assertThat(delays.wait(fail(null, 3), now)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachFurtherWrongPasswordDoublesTheDelay() {
        SignInDelays.Failures failures = fail(null, 3);
        now = now.plusSeconds(30);

        assertThat(delays.wait(fail(failures, 1), now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delays.wait(fail(failures, 2), now)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theDelayNeverPassesItsCap() {
        assertThat(delays.wait(fail(null, 200), now)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theWaitRunsOutWithTime() {
        SignInDelays.Failures failures = fail(null, 3);

        assertThat(delays.wait(failures, now.plusSeconds(20))).isEqualTo(Duration.ofSeconds(10));
        assertThat(delays.wait(failures, now.plusSeconds(30))).isZero();
    }

    @Test
    void aQuietWindowForgetsTheWrongPasswords() {
        SignInDelays.Failures failures = fail(null, 2);
        now = now.plus(Duration.ofMinutes(15));

        assertThat(delays.wait(fail(failures, 1), now)).isZero();
    }

    @Test
    void wrongPasswordsWithinTheWindowAddUp() {
        SignInDelays.Failures failures = fail(null, 2);
        now = now.plus(Duration.ofMinutes(14));

        assertThat(delays.wait(fail(failures, 1), now)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void failuresCountedElsewhereWaitLikeFailuresCountedHere() {
        assertThat(delays.failures(4, now)).isEqualTo(fail(null, 4));
    }
}
