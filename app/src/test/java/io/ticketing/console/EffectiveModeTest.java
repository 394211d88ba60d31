package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EffectiveModeTest {

    @Test
    void withNothingSetTheRoomDrawsAtTheOpening() {
        assertThat(EffectiveMode.at(null, null, 5)).isEqualTo("RANDOM_AT_OPEN");
    }

    @Test
    void theSetModeHoldsOutsideEveryWindow() {
        assertThat(EffectiveMode.at("FIFO", "CLOSED:10:20", 20)).isEqualTo("FIFO");
    }

    @Test
    void aWindowHoldingTheMomentWins() {
        assertThat(EffectiveMode.at("FIFO", "CLOSED:0:5,QUEUE_ALL:10:20", 10)).isEqualTo("QUEUE_ALL");
    }

    @Test
    void aMalformedWindowIsSkipped() {
        assertThat(EffectiveMode.at("FIFO", "CLOSED:x:20,PASSTHROUGH", 10)).isEqualTo("FIFO");
    }
}
