package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ticketing.reservation.ReservationTestSupport;

/** The per-event state of the hold pipeline lives only as long as the event has holds, and never for events that do not exist. */
class HoldQueueEvictionTest extends ReservationTestSupport {

    @Autowired
    HoldPipeline pipeline;

    @Autowired
    FreeSeatHint hint;

    @Test
    void aHoldOnAnUnknownEventLeavesNoQueueAndNoHint() {
        long unknown = Long.MAX_VALUE - 2;

        hold(buyer(), unknown, Map.of("quantity", 1), UUID.randomUUID().toString())
            .expectStatus().isNotFound()
            .expectBody();

        assertThat(queues().has(publicLane(unknown))).isFalse();
        assertThat(hint.remembers(publicLane(unknown))).isFalse();
    }

    @Test
    void anEventsIdleQueueGoesAndItsNextHoldIsStillCommitted() {
        long event = newEvent(1, 4);
        held(buyer(), event, Map.of("quantity", 1));
        assertThat(queues().has(publicLane(event))).isTrue();

        clock.advance(HoldQueues.IDLE_AFTER);
        // A batch counts its holds answered just after their callers hear back: the first sweeps may come too early.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            queues().evictIdle();
            return !queues().has(publicLane(event));
        });

        held(buyer(), event, Map.of("quantity", 1));
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id AND status = 'HELD'", event)).isEqualTo(2);
    }

    private static SeatPool publicLane(long event) {
        return new SeatPool(event, SeatPool.PUBLIC);
    }

    private HoldQueues queues() {
        return pipeline.queues();
    }
}
