package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * ahead (its test clock), the other on the real clock, which is Redis's. The opening goes by
 * Redis's clock alone: the instance running ahead cannot open the line early, and whoever enters
 * wherever around the opening ends up in the line, nobody in a pre-queue that was drawn already.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpeningAcrossInstancesTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext behind;

    @BeforeAll
    void startAnInstanceOnTheRealClock() {
        behind = SecondInstance.start(environment, Map.of());
    }

    @AfterAll
    void stopIt() {
        behind.close();
    }

    @Test
    void anInstanceWhoseClockRunsAheadCannotOpenTheLineEarly() {
        long event = openingInHalfAMinute();

        Map<?, ?> entry = enter(event, buyer());
        tickAfter(event, Duration.ZERO);

        assertThat(entry.get("preQueue")).isEqualTo(true);
        assertThat(redis.hasKey(new QueueKeys(redisKeys, event).opened()).block()).as("the line drawn").isFalse();
    }

    @Test
    void everyoneWhoEnteredAroundTheOpeningThroughEitherInstanceIsInTheLine() {
        long event = openingInHalfAMinute();
        Buyer earlyAhead = buyer();
        Buyer earlyBehind = buyer();
        enter(event, earlyAhead);
        enterBehind(event, earlyBehind);

        salesOpenNow(event);
        Map<?, ?> late = enterBehind(event, buyer());

        assertThat(late.get("preQueue")).isEqualTo(false);
        assertThat(position(late)).isEqualTo(3);
        assertThat(List.of(status(event, earlyAhead), status(event, earlyBehind)))
            .allSatisfy(drawn -> assertThat(drawn.get("preQueue")).isEqualTo(false))
            .extracting(QueueTestSupport::position).containsExactlyInAnyOrder(1L, 2L);
    }

    /** Open in half a minute on Redis's clock, already open on this suite's, which runs a minute ahead. */
    private long openingInHalfAMinute() {
        clock.advance(Duration.ofMinutes(1));
        return newEvent(Instant.ofEpochMilli(redisMillis()).plusSeconds(30), 10, 10);
    }

    private Map<?, ?> enterBehind(long eventId, Buyer buyer) {
        return WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(behind)).build()
            .post().uri("/api/v1/events/{id}/queue", eventId).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
