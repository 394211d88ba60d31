package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventCacheKeyTest {

    /** Pinned: every key of one event must hash to the same Redis Cluster slot. */
    @Test
    void detailKeyIsHashTaggedByEvent() {
        assertThat(EventCache.key(42)).isEqualTo("{event:42}:detail");
    }
}
