package io.ticketing.lane;

import java.time.Instant;

/**
 * What redeeming a code does, decided from the code's row as read under its lock. Before the lane
 * opens the code is fine but the lane is not: {@code LANE_CLOSED}, try again at opensAt. From
 * closesAt on the code can never work again: {@code CODE_EXPIRED}. An account already in the lane
 * is let in again without using anything, so a retry or a second tab is harmless.
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

    /** A code's row and the account redeeming it. */
    record Attempt(CodeKind kind, Instant opensAt, Instant closesAt, int uses, Integer maxUses, Long boundUserId,
                   long userId, boolean member, Instant now) {
    }

    static Redemption decide(Attempt attempt) {
        if (attempt.now().isBefore(attempt.opensAt())) {
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
