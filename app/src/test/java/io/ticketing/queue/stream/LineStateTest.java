package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineStateTest {

    private final LineState line = new LineState(10, 8, true, 5, null, new long[] {12, 15}, false, false);

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
        assertThat(new LineState(0, 0, true, 5, null, new long[0], false, false).holds(3)).isFalse();
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
        assertThat(new LineState(0, 0, true, 5, null, new long[0], false, false).realWaitersAhead(7)).isZero();
    }
}
