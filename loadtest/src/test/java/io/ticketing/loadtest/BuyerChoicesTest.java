package io.ticketing.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure decisions of the presale's virtual buyers. */
class BuyerChoicesTest {

    @Test
    void drawsBelowTheCancelShareCancel() {
        assertThat(HoldChoice.draw(0.09, 0.1, 0.1)).isEqualTo(HoldChoice.CANCEL);
    }

    @Test
    void drawsInTheNextShareLetTheHoldExpire() {
        assertThat(HoldChoice.draw(0.1, 0.1, 0.1)).isEqualTo(HoldChoice.ABANDON);
        assertThat(HoldChoice.draw(0.19, 0.1, 0.1)).isEqualTo(HoldChoice.ABANDON);
    }

    @Test
    void theRestConfirm() {
        assertThat(HoldChoice.draw(0.2, 0.1, 0.1)).isEqualTo(HoldChoice.CONFIRM);
        assertThat(HoldChoice.draw(0.0, 0, 0)).isEqualTo(HoldChoice.CONFIRM);
    }

    @Test
    void aJoinAnsweredWithAPlaceIsOnTheList() {
        assertThat(ListState.afterJoin(201, null)).isEqualTo(ListState.LISTED);
        assertThat(ListState.afterJoin(200, null)).isEqualTo(ListState.LISTED);
    }

    @Test
    void aListNotOpenYetIsTriedAgain() {
        assertThat(ListState.afterJoin(409, "urn:ticketing:problem:not-sold-out")).isEqualTo(ListState.JOINING);
    }

    @Test
    void aBuyerOutsideTheLineIsTurnedAwayForGood() {
        assertThat(ListState.afterJoin(409, "urn:ticketing:problem:not-in-line")).isEqualTo(ListState.REFUSED);
    }
}
