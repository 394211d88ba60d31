package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * A retry (the same Idempotency-Key and body) answers the reservation its first request made, even
 * once the pass has ended or the hold's rate limit is spent: neither may turn a hold the buyer has
 * into a refusal. The second instance allows one hold per buyer an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRetryTest extends ReservationTestSupport {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext strict;
    WebTestClient strictClient;

    @BeforeAll
    void startAnInstanceAllowingOneHold() {
        strict = SecondInstance.start(environment, Map.of("ticketing.rate-limits.holds-per-user", "1", "ticketing.rate-limits.window", "1h"));
        strictClient = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(strict)).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        strict.close();
    }

    @Test
    void retryAfterThePassEndedAnswersTheReservationItMade() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        Map<?, ?> first = hold(buyer, event, Map.of("quantity", 2), "before-leaving").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isNoContent().expectBody();

        Map<?, ?> retried = hold(buyer, event, Map.of("quantity", 2), "before-leaving").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(id(retried)).isEqualTo(id(first));
    }

    @Test
    void retryAfterThePassExpiredAnswersTheReservationItMade() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        String pass = passes.issuePass(buyer.id(), event, clock.instant().plus(Duration.ofMinutes(1)));
        Map<?, ?> first = holdWith(pass, buyer, event, "before-expiry").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        clock.advance(Duration.ofMinutes(2));

        Map<?, ?> retried = holdWith(pass, buyer, event, "before-expiry").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(id(retried)).isEqualTo(id(first));
    }

    @Test
    void retryWhenTheHoldRateLimitIsSpentAnswersTheReservationItMade() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        Map<?, ?> first = holdOnStrict(buyer, event, "only-one").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();

        Map<?, ?> retried = holdOnStrict(buyer, event, "only-one").expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(id(retried)).isEqualTo(id(first));
        holdOnStrict(buyer, event, "a-new-one").expectStatus().isEqualTo(429).expectBody();
    }

    private WebTestClient.ResponseSpec holdWith(String pass, Buyer buyer, long event, String key) {
        return http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange();
    }

    private WebTestClient.ResponseSpec holdOnStrict(Buyer buyer, long event, String key) {
        return strictClient.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass(buyer, event)).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange();
    }
}
