package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/** What an instance keeps in memory of waiting rooms: only of events that exist. */
class QueueMemoryTest extends QueueTestSupport {

    @Autowired
    WaitingRoom room;

    @Test
    void enteringTheWaitingRoomOfAnUnknownEventLeavesNothingBehind() {
        long unknown = Long.MAX_VALUE - 3;

        http.post().uri("/api/v1/events/{id}/queue", unknown).header("Authorization", bearer(buyer().token()))
            .exchange().expectStatus().isNotFound()
            .expectBody();

        assertThat(room.remembers(unknown)).isFalse();
    }
}
