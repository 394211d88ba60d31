package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LineStateTest {

    private final LineState line = new LineState(10, 8, true, 5, null, 0, 0, new long[0], new long[] {12, 15}, false, false, Set.of());

    @Test
    void positionCountsFromTheHead() {
        assertThat(line.positionOf(10)).isEqualTo(1);
        assertThat(line.positionOf(11)).isEqualTo(2);
    }

    @Test
    void departedTicketsAheadDoNotCount() {
        assertThat(line.positionOf(13)).isEqualTo(3);
        assertThat(line.positionOf(20)).isEqualTo(9);
    }

    @Test
    void ticketsBehindTheHeadOrDepartedAreNoLongerHeld() {
        assertThat(line.holds(9)).isFalse();
        assertThat(line.holds(12)).isFalse();
        assertThat(line.holds(13)).isTrue();
    }

    @Test
    void anEmptyLineHoldsNobody() {
        assertThat(new LineState(0, 0, true, 5, null, 0, 0, new long[0], new long[0], false, false, Set.of()).holds(3)).isFalse();
    }

    @Test
    void aVirtualTicketHasTheRealWaitersWithLowerTicketsAhead() {
        // Tickets 10, 11, 13, 14 are held below 15; 15 itself, a real ticket drawn after the virtual one, is behind.
        assertThat(line.realWaitersAhead(15)).isEqualTo(4);
        assertThat(line.realWaitersAhead(13)).isEqualTo(2);
    }

    @Test
    void aVirtualTicketAtOrBehindTheHeadOrInAnEmptyLineHasNobodyAhead() {
        assertThat(line.realWaitersAhead(10)).isZero();
        assertThat(line.realWaitersAhead(4)).isZero();
        assertThat(new LineState(0, 0, true, 5, null, 0, 0, new long[0], new long[0], false, false, Set.of()).realWaitersAhead(7)).isZero();
    }

    /** Restored tickets 3, 7 and 9 below the regular numbering from 100; 100, 101, 103 waiting after them (102 left). */
    private final LineState restored = new LineState(3, 6, true, 5, null, 100, 3, new long[] {3, 7, 9}, new long[] {102}, false, false, Set.of());

    @Test
    void aRestoredWaitersPlaceIsItsRankAmongTheRestoredTickets() {
        assertThat(restored.positionOf(3)).isEqualTo(1);
        assertThat(restored.positionOf(9)).isEqualTo(3);
    }

    @Test
    void theGapsBetweenRestoredTicketsAreHeldByNobody() {
        assertThat(restored.holds(7)).isTrue();
        assertThat(restored.holds(8)).isFalse();
        assertThat(restored.holds(50)).isFalse();
    }

    @Test
    void waitersOfTheRegularNumberingStandBehindEveryRestoredOne() {
        assertThat(restored.positionOf(100)).isEqualTo(4);
        assertThat(restored.positionOf(103)).isEqualTo(6);
        assertThat(restored.holds(102)).isFalse();
    }

    @Test
    void aVirtualTicketAmongRestoredOnesHasTheLowerOnesAhead() {
        assertThat(restored.realWaitersAhead(8)).isEqualTo(2);
        assertThat(restored.realWaitersAhead(104)).isEqualTo(6);
    }

    @Test
    void onceTheRestoredAreGoneTheLineCountsFromItsHead() {
        LineState regular = new LineState(101, 2, true, 5, null, 100, 0, new long[0], new long[] {102}, false, false, Set.of());
        assertThat(regular.positionOf(103)).isEqualTo(2);
        assertThat(regular.holds(100)).isFalse();
    }
}
