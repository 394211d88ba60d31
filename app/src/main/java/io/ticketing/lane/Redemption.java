package io.ticketing.lane;

import java.time.Duration;
import java.time.Instant;

/**
 * What redeeming a code does, decided from the code's row as read under its lock. A code works from
 * {@code preQueue} before the lane opens, so that its buyers wait in the lane's pre-queue rather
 * than all arrive at the opening instant; before that the code is fine but the lane is not:
 * {@code LANE_CLOSED}, try again then. From closesAt on the code can never work again:
 * {@code CODE_EXPIRED}. An account already in the lane is let in again without using anything, so
 * a retry or a second tab is harmless.
 */
enum Redemption {
    /** Bind the single-use code to this account. */
    BIND,
    /** Count one more use of the shared code for this account. */
    JOIN,
    /** The account is in the lane already: nothing to change. */
    ALREADY,
    CODE_TAKEN,
    CODE_USED,
    CODE_EXPIRED,
    LANE_CLOSED;

    /** A code's row, how long before the lane opens its codes work, and the account redeeming it. */
    record Attempt(CodeKind kind, Instant opensAt, Instant closesAt, Duration preQueue, int uses, Integer maxUses, Long boundUserId,
                   long userId, boolean member, Instant now) {

        Instant redeemableFrom() {
            return opensAt.minus(preQueue);
        }
    }

    static Redemption decide(Attempt attempt) {
        if (attempt.now().isBefore(attempt.redeemableFrom())) {
            return LANE_CLOSED;
        }
        if (!attempt.now().isBefore(attempt.closesAt())) {
            return CODE_EXPIRED;
        }
        if (attempt.member()) {
            return ALREADY;
        }
        if (attempt.kind() == CodeKind.SINGLE) {
            if (attempt.boundUserId() == null) {
                return BIND;
            }
            return attempt.boundUserId() == attempt.userId() ? ALREADY : CODE_TAKEN;
        }
        return attempt.uses() < attempt.maxUses() ? JOIN : CODE_USED;
    }
}
