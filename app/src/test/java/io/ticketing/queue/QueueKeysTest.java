package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.ratelimit.RateLimits;
import io.ticketing.redis.RedisKeys;

/**
 * Pinned: every key of one event's waiting room shares the {event:N} hash tag, so one script may touch
 * them all in Redis Cluster, behind the deployment's prefix, outside the tag.
 */
class QueueKeysTest {

    private static final RedisKeys PREFIX = new RedisKeys("ticketing");

    @Test
    void everyKeyOfAnEventIsHashTaggedWithIt() {
        QueueKeys keys = new QueueKeys(PREFIX, 42);
        assertThat(keys.line()).isEqualTo("ticketing:{event:42}:line");
        assertThat(keys.ticket()).isEqualTo("ticketing:{event:42}:ticket");
        assertThat(keys.preQueue()).isEqualTo("ticketing:{event:42}:prequeue");
        assertThat(keys.opened()).isEqualTo("ticketing:{event:42}:opened");
        assertThat(keys.departed()).isEqualTo("ticketing:{event:42}:departed");
        assertThat(keys.admitted()).isEqualTo("ticketing:{event:42}:admitted");
        assertThat(keys.seen()).isEqualTo("ticketing:{event:42}:seen");
        assertThat(keys.config()).isEqualTo("ticketing:{event:42}:config");
        assertThat(keys.bucket()).isEqualTo("ticketing:{event:42}:bucket");
        assertThat(keys.stats()).isEqualTo("ticketing:{event:42}:stats");
        assertThat(keys.limbo()).isEqualTo("ticketing:{event:42}:limbo");
        assertThat(keys.marked()).isEqualTo("ticketing:{event:42}:marked");
        assertThat(keys.door("0123abcd")).isEqualTo("ticketing:{event:42}:door:0123abcd");
        assertThat(keys.marks()).isEqualTo("ticketing:{event:42}:marks");
        assertThat(keys.regularFrom()).isEqualTo("ticketing:{event:42}:regular");
        assertThat(keys.served()).isEqualTo("ticketing:{event:42}:served");
        assertThat(keys.rebuilt()).isEqualTo("ticketing:{event:42}:rebuilt");
        assertThat(keys.streams(9)).as("a slot of its own per user").isEqualTo("ticketing:{event:42:user:9}:streams");
        assertThat(keys.limits(RateLimits.Action.QUEUE_ENTRY, 9, "203.0.113.5")).containsExactly(
            "ticketing:{event:42}:rate:queue_entry:user:9:tokens", "ticketing:{event:42}:rate:queue_entry:user:9:timestamp",
            "ticketing:{event:42}:rate:queue_entry:ip:203.0.113.5:tokens", "ticketing:{event:42}:rate:queue_entry:ip:203.0.113.5:timestamp");
        assertThat(keys.limits(RateLimits.Action.HOLD, 9, "2001:db8::1")).containsExactly(
            "ticketing:{event:42}:rate:hold:user:9:tokens", "ticketing:{event:42}:rate:hold:user:9:timestamp",
            "ticketing:{event:42}:rate:hold:ip:2001:db8::1:tokens", "ticketing:{event:42}:rate:hold:ip:2001:db8::1:timestamp");
    }

    @Test
    void theDoorsKeysEndWithTheRoomAndAUsedSolutionIsNamedOnlyWhenThereIsOne() {
        QueueKeys keys = new QueueKeys(PREFIX, 7);

        assertThat(keys.forAdmit()).contains(keys.limbo(), keys.marked());
        assertThat(keys.forEnter(9, "203.0.113.5", "0123abcd")).endsWith(keys.limbo(), keys.marked(), keys.regularFrom(), keys.door("0123abcd"));
        assertThat(keys.forEnter(9, "203.0.113.5", null)).endsWith(keys.limbo(), keys.marked(), keys.regularFrom());
    }

    @Test
    void aLanesLineHasKeysOfItsOwnInTheEventsSlotAndSharesTheEventsSettings() {
        QueueKeys lane = new QueueKeys(PREFIX, 42, 3);

        assertThat(lane.line()).isEqualTo("ticketing:{event:42}:lane:3:line");
        assertThat(lane.preQueue()).isEqualTo("ticketing:{event:42}:lane:3:prequeue");
        assertThat(lane.admitted()).isEqualTo("ticketing:{event:42}:lane:3:admitted");
        assertThat(lane.bucket()).as("its own admission rate").isEqualTo("ticketing:{event:42}:lane:3:bucket");
        assertThat(lane.revoked()).isEqualTo("ticketing:{event:42}:lane:3:revoked");
        assertThat(lane.config()).as("one copy of the settings for all lines").isEqualTo(new QueueKeys(PREFIX, 42).config());
        assertThat(lane.limits(RateLimits.Action.QUEUE_ENTRY, 9, "203.0.113.5")).as("entries count across lines")
            .isEqualTo(new QueueKeys(PREFIX, 42).limits(RateLimits.Action.QUEUE_ENTRY, 9, "203.0.113.5"));
        assertThat(lane.streams(9)).isEqualTo("ticketing:{event:42:user:9}:streams");
    }

    @Test
    void aLanesScriptsGetOnlyKeysOfItsEventsSlot() {
        QueueKeys keys = new QueueKeys(PREFIX, 7, 3);
        for (var list : java.util.List.of(keys.forEnter(9, "203.0.113.5", "0123abcd"), keys.forHoldGate(9, "203.0.113.5", "c0ffee"), keys.forStatus(),
                keys.forOpen(), keys.forLeave(), keys.forAdmit(), keys.forLine(), keys.forFigures(), keys.forRestore(), keys.forRebuild(), keys.forPresent())) {
            assertThat(list).allMatch(key -> key.startsWith("ticketing:{event:7}:"));
        }
    }

    @Test
    void aLineIsListedForTicksByItsEventAndLane() {
        assertThat(new Room(42, 3).member()).isEqualTo("42:3");
        assertThat(Room.publicLine(42).member()).isEqualTo("42");
        assertThat(Room.parse("42:3")).isEqualTo(new Room(42, 3));
        assertThat(Room.parse("42")).isEqualTo(Room.publicLine(42));
    }

    @Test
    void theRoomsOfAllEventsAreListedUnderThePrefix() {
        assertThat(QueueKeys.activeEvents(PREFIX)).isEqualTo("ticketing:queue:events");
    }

    @Test
    void eachScriptGetsOnlyKeysOfOneEvent() {
        QueueKeys keys = new QueueKeys(PREFIX, 7);
        for (var list : java.util.List.of(keys.forEnter(9, "203.0.113.5", null), keys.forEnter(9, "203.0.113.5", "0123abcd"), keys.forHoldGate(9, "203.0.113.5", "c0ffee"), keys.forStatus(), keys.forOpen(), keys.forLeave(), keys.forAdmit(), keys.forLine(), keys.forFigures(), keys.forRestore(), keys.forRebuild(), keys.forPresent())) {
            assertThat(list).allMatch(key -> key.startsWith("ticketing:{event:7}:"));
        }
    }
}
