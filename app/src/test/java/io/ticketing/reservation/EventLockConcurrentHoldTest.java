package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The replaced design, kept for side-by-side load tests, must be just as correct as the
 * pipeline: the same 2,000 buyers for 100 seats, through one transaction per hold behind the
 * event's row lock.
 */
@TestPropertySource(properties = "ticketing.reservations.commit=event-lock")
class EventLockConcurrentHoldTest extends ConcurrentHoldTest {

    @Autowired
    HoldCommitter holds;

    @Test
    void eventLockSettingReplacesThePipeline() {
        assertThat(holds).isInstanceOf(EventLockHolds.class);
    }
}
