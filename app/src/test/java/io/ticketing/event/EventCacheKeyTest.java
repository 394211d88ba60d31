package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.redis.RedisKeys;

class EventCacheKeyTest {

    private static final RedisKeys PREFIX = new RedisKeys("ticketing");

    /** Pinned: every key of one event must hash to the same Redis Cluster slot; the prefix stays outside the tag. */
    @Test
    void detailKeyIsHashTaggedByEvent() {
        assertThat(EventCache.key(PREFIX, 42)).isEqualTo("ticketing:{event:42}:detail");
        assertThat(EventCache.versionKey(PREFIX, 42)).isEqualTo("ticketing:{event:42}:version");
    }
}
