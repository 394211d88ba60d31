package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FreeSeatHintTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FreeSeatHint hint = new FreeSeatHint(nanos::get);

    @Test
    void anEventNobodyScannedStartsAtTheFirstSeat() {
        assertThat(hint.from(pool(1))).isZero();
    }

    @Test
    void scanningStartsWhereTheLastReadFoundTheFirstFreeSeat() {
        hint.advance(pool(1), 40);

        assertThat(hint.from(pool(1))).isEqualTo(40);
    }

    @Test
    void anOlderReadNeverMovesTheHintBack() {
        hint.advance(pool(1), 40);
        hint.advance(pool(1), 12);

        assertThat(hint.from(pool(1))).isEqualTo(40);
    }

    @Test
    void eachEventHasItsOwnHint() {
        hint.advance(pool(1), 40);

        assertThat(hint.from(pool(2))).isZero();
    }

    @Test
    void eachLaneOfAnEventHasItsOwnHint() {
        hint.advance(pool(1), 40);

        assertThat(hint.from(new SeatPool(1, 7))).isZero();
    }

    @Test
    void theHintStartsOverAfterFiveSecondsSoSeatsReleasedBelowItAreFound() {
        hint.from(pool(1));
        hint.advance(pool(1), 40);
        nanos.addAndGet(Duration.ofSeconds(5).plusMillis(1).toNanos());

        assertThat(hint.from(pool(1))).isZero();
    }

    @Test
    void theHintHoldsForFiveSeconds() {
        hint.from(pool(1));
        hint.advance(pool(1), 40);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(hint.from(pool(1))).isEqualTo(40);
    }

    @Test
    void aHintNobodyAskedForInAMinuteIsForgotten() {
        hint.advance(pool(1), 40);
        nanos.addAndGet(FreeSeatHint.FORGET_AFTER.toNanos());

        assertThat(hint.remembers(pool(1))).isFalse();
    }

    @Test
    void aHintAskedForWithinTheMinuteIsKept() {
        hint.advance(pool(1), 40);
        nanos.addAndGet(FreeSeatHint.FORGET_AFTER.minusSeconds(1).toNanos());
        hint.from(pool(1));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(hint.remembers(pool(1))).isTrue();
    }

    @Test
    void releasedSeatsOfAnEventWithoutAHintLeaveNone() {
        hint.lower(pool(1), 40);

        assertThat(hint.remembers(pool(1))).isFalse();
    }

    /** The public lane of event {@code eventId}. */
    private static SeatPool pool(long eventId) {
        return new SeatPool(eventId, SeatPool.PUBLIC);
    }
}
