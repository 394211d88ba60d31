package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * Sales open while two instances disagree about the time: this suite's instance runs a minute
 * ahead (its test clock), the other on the real clock. Whoever enters, wherever, and whichever
 * clock says what, nobody is left in a pre-queue that has already been drawn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpeningAcrossInstancesTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext behind;

    @BeforeAll
    void startAnInstanceWhoseClockIsBehind() {
        behind = SecondInstance.start(environment, Map.of());
    }

    @AfterAll
    void stopIt() {
        behind.close();
    }

    @Test
    void enteringThroughAnInstanceThatThinksSalesAreNotOpenJoinsTheLineOnceItIsOpen() {
        long event = openingBetweenTheTwoClocks();
        enter(event, buyer());

        Map<?, ?> late = enterBehind(event, buyer());

        assertThat(late.get("preQueue")).isEqualTo(false);
        assertThat(position(late)).isEqualTo(2);
    }

    @Test
    void earlyArrivalsThroughTheSlowerInstanceAreDrawnIntoTheLineAtOpening() {
        long event = openingBetweenTheTwoClocks();
        Buyer early = buyer();
        assertThat(enterBehind(event, early).get("preQueue")).isEqualTo(true);

        enter(event, buyer());

        Map<?, ?> drawn = status(event, early);
        assertThat(drawn.get("preQueue")).isEqualTo(false);
        assertThat(position(drawn)).isEqualTo(1);
    }

    /** Open on this suite's clock, a minute ahead, and not yet on the other instance's real one. */
    private long openingBetweenTheTwoClocks() {
        clock.advance(Duration.ofMinutes(1));
        Instant opensAt = clock.instant().minus(Duration.ofSeconds(30));
        assertThat(opensAt).as("the other instance's clock must still be before the opening").isAfter(Instant.now().plusSeconds(10));
        return newEvent(opensAt, 10, 10);
    }

    private Map<?, ?> enterBehind(long eventId, Buyer buyer) {
        return WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(behind)).build()
            .post().uri("/api/v1/events/{id}/queue", eventId).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
