package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * How long an account's sign-ins wait after wrong passwords: nothing for the first few, then a
 * short delay that doubles with every further wrong password up to a cap. The count is forgotten
 * once a whole window passes without a wrong password, and a right one clears it, so guessing is
 * slowed to a trickle while the owner is never locked out for good. Pure: time comes in as an
 * argument.
 */
final class SignInDelays {

    /** Wrong passwords in a row for one account, the latest, and until when its sign-ins wait. */
    record Failures(int count, Instant last, Instant waitUntil) {
    }

    private final int allowed;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration maxDelay;

    SignInDelays(AuthProperties.SlowDown settings) {
        this(settings.afterFailures(), settings);
    }

    /** With {@code allowed} wrong passwords answered at once, and the rest of the settings' rules. */
    SignInDelays(int allowed, AuthProperties.SlowDown settings) {
        this.allowed = allowed;
        this.window = settings.window();
        this.firstDelay = settings.firstDelay();
        this.maxDelay = settings.maxDelay();
    }

    /** The failures after one more wrong password at {@code now}; {@code before} is null for none. */
    Failures failed(Failures before, Instant now) {
        int count = before == null || !now.isBefore(before.last().plus(window)) ? 1 : before.count() + 1;
        return failures(count, now);
    }

    /** The failures of {@code count} wrong passwords in a row, the latest at {@code last}, counted elsewhere (in Redis). */
    Failures failures(int count, Instant last) {
        Instant waitUntil = count < allowed ? last : last.plus(delay(count - allowed));
        return new Failures(count, last, waitUntil);
    }

    /** How long sign-ins must still wait at {@code now}; zero when they may go ahead. */
    Duration wait(Failures failures, Instant now) {
        if (failures == null || !now.isBefore(failures.waitUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.waitUntil());
    }

    /** How long to keep the failures of an account that has gone quiet: past this they no longer count. */
    Duration memory() {
        return window.plus(maxDelay);
    }

    private Duration delay(int doublings) {
        Duration delay = firstDelay;
        for (int i = 0; i < doublings && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
