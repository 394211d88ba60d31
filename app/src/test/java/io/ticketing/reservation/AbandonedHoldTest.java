package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * A hold whose caller was told it failed never commits afterwards. The instance here answers a
 * hold 503 after 300 ms, while its batches wait 2 s to fill: every caller gives up while queued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbandonedHoldTest extends ReservationTestSupport {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext impatient;
    WebTestClient client;

    @BeforeAll
    void startAnImpatientInstance() {
        impatient = SecondInstance.start(environment, Map.of(
            "resilience4j.timelimiter.instances.database.timeout-duration", "300ms",
            "ticketing.reservations.batch-wait", "2s"));
        client = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(impatient))
            .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stopIt() {
        impatient.close();
    }

    @Test
    void holdWhoseCallerTimedOutIsDroppedNotCommitted() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        double before = abandoned();

        holdThroughImpatient(buyer, event, "gave-up").expectStatus().isEqualTo(503).expectBody();

        await().atMost(Duration.ofSeconds(10)).until(this::abandoned, equalTo(before + 1));
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event)).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status <> 'AVAILABLE'", event)).isZero();
    }

    @Test
    void retryWithTheSameKeyAfterATimeoutHoldsOnce() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        double before = abandoned();
        holdThroughImpatient(buyer, event, "retried").expectStatus().isEqualTo(503).expectBody();
        await().atMost(Duration.ofSeconds(10)).until(this::abandoned, equalTo(before + 1));

        hold(buyer, event, Map.of("quantity", 2), "retried").expectStatus().isCreated().expectBody();

        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'HELD'", event)).isEqualTo(2);
    }

    private WebTestClient.ResponseSpec holdThroughImpatient(Buyer buyer, long event, String key) {
        return client.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass(buyer, event)).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
            .exchange();
    }

    private double abandoned() {
        return impatient.getBean(MeterRegistry.class).get("ticketing.holds.abandoned").counter().count();
    }
}
