package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RedemptionTest {

    private static final Instant OPENS = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant DURING = OPENS.plusSeconds(60);
    private static final Duration PRE_QUEUE = Duration.ofMinutes(30);
    private static final long ME = 1;
    private static final long SOMEONE = 2;

    @Test
    void anUnboundSingleUseCodeIsBound() {
        assertThat(single(null, false, DURING)).isEqualTo(Redemption.BIND);
    }

    @Test
    void aSingleUseCodeBoundToAnotherAccountIsTaken() {
        assertThat(single(SOMEONE, false, DURING)).isEqualTo(Redemption.CODE_TAKEN);
    }

    @Test
    void aSingleUseCodeBoundToThisAccountLetsItInAgain() {
        assertThat(single(ME, true, DURING)).isEqualTo(Redemption.ALREADY);
    }

    @Test
    void aSharedCodeWithUsesLeftIsJoined() {
        assertThat(shared(4, 5, false, DURING)).isEqualTo(Redemption.JOIN);
    }

    @Test
    void aSharedCodeAtItsCapIsUsedUp() {
        assertThat(shared(5, 5, false, DURING)).isEqualTo(Redemption.CODE_USED);
    }

    @Test
    void aMemberRedeemsAUsedUpSharedCodeAgainWithoutUsingIt() {
        assertThat(shared(5, 5, true, DURING)).isEqualTo(Redemption.ALREADY);
    }

    @Test
    void beforeItsPreQueueOpensTheLaneIsClosed() {
        assertThat(single(null, false, OPENS.minus(PRE_QUEUE).minusNanos(1000))).isEqualTo(Redemption.LANE_CLOSED);
    }

    @Test
    void aCodeWorksFromThePreQueueBeforeTheLaneOpens() {
        assertThat(single(null, false, OPENS.minus(PRE_QUEUE))).isEqualTo(Redemption.BIND);
    }

    @Test
    void aSharedCodeIsJoinedInThePreQueue() {
        assertThat(shared(0, 5, false, OPENS.minusSeconds(60))).isEqualTo(Redemption.JOIN);
    }

    @Test
    void fromTheLanesCloseTheCodeHasExpired() {
        assertThat(single(null, false, CLOSES)).isEqualTo(Redemption.CODE_EXPIRED);
    }

    @Test
    void theLaneOpensAtItsOpeningInstant() {
        assertThat(single(null, false, OPENS)).isEqualTo(Redemption.BIND);
    }

    private static Redemption single(Long boundUserId, boolean member, Instant now) {
        return Redemption.decide(new Redemption.Attempt(CodeKind.SINGLE, OPENS, CLOSES, PRE_QUEUE, boundUserId == null ? 0 : 1, null,
            boundUserId, ME, member, now));
    }

    private static Redemption shared(int uses, int maxUses, boolean member, Instant now) {
        return Redemption.decide(new Redemption.Attempt(CodeKind.SHARED, OPENS, CLOSES, PRE_QUEUE, uses, maxUses, null, ME, member, now));
    }
}
