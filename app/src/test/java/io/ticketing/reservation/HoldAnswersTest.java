package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.reactive.function.client.WebClient;

/** Answers that must be true: no false refusals, no contradictory bodies, no confirm that looks lost. */
class HoldAnswersTest extends ReservationTestSupport {

    @Value("${local.server.port}")
    int port;

    @Test
    void bestAvailableFindsSeatsReleasedBelowWhereTheLastScanStarted() {
        long event = newEvent(1, 8);
        Map<?, ?> front = held(buyer(), event, Map.of("quantity", 4));
        held(buyer(), event, Map.of("quantity", 4));
        // Another instance releases the front seats: this instance's scans start past them by now.
        db.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE reservation_id = :id").bind("id", id(front)).then()
            .then(db.sql("UPDATE reservation SET status = 'CANCELLED' WHERE id = :id").bind("id", id(front)).then()).block();

        assertThat((List<?>) held(buyer(), event, Map.of("quantity", 2)).get("seats")).hasSize(2);
    }

    @Test
    void bestAvailableFindsSeatsThisInstanceJustReleased() {
        long event = newEvent(1, 8);
        Buyer first = buyer();
        Map<?, ?> front = held(first, event, Map.of("quantity", 4));
        held(buyer(), event, Map.of("quantity", 4));
        cancel(first, front).expectStatus().isOk().expectBody();

        assertThat((List<?>) held(buyer(), event, Map.of("quantity", 4)).get("seats")).hasSize(4);
    }

    @Test
    void seatIdsAndQuantityTogetherAreABadRequestThatWritesNothing() {
        long event = newEvent(1, 5);

        hold(buyer(), event, Map.of("seatIds", List.of(), "quantity", 2), UUID.randomUUID().toString())
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("not both"));
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event)).isZero();
    }

    @Test
    void emptySeatIdsAreABadRequest() {
        long event = newEvent(1, 5);

        hold(buyer(), event, Map.of("seatIds", List.of()), UUID.randomUUID().toString())
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("at least one seat"));
    }

    @Test
    void emptyBodyIsABadRequest() {
        long event = newEvent(1, 5);

        hold(buyer(), event, Map.of(), UUID.randomUUID().toString())
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:invalid-request");
    }

    @Test
    void concurrentConfirmsOfOneHoldAllAnswerConfirmed() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", 2));
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        List<String> answers = Flux.range(0, 8)
            .flatMap(i -> client.post().uri("/api/v1/reservations/{id}/confirm", id(reservation))
                .headers(h -> {
                    h.setBearerAuth(buyer.token());
                    h.set("Idempotency-Key", "confirm-" + i);
                })
                .exchangeToMono(response -> response.bodyToMono(Map.class).map(body -> response.statusCode().value() + " " + body.get("status"))))
            .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(8).containsOnly("200 CONFIRMED");
    }

    @Test
    void cancellingABoughtReservationIsAConflict() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", 1));
        confirm(buyer, reservation, UUID.randomUUID().toString()).expectStatus().isOk().expectBody();

        cancel(buyer, reservation)
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:not-held");
    }

    @Test
    void idempotencyKeysThatDifferInCaseAreDifferentKeys() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        hold(buyer, event, Map.of("quantity", 1), "abc-key").expectStatus().isCreated().expectBody();

        hold(buyer, event, Map.of("quantity", 2), "ABC-KEY").expectStatus().isCreated().expectBody();
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event)).isEqualTo(2);
    }

    @Test
    void holdBeforeSalesOpenIsRefused() {
        long event = newEvent(clock.instant().plus(Duration.ofHours(1)), 1, 5);

        hold(buyer(), event, Map.of("quantity", 1), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:sales-closed");
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event)).isZero();
    }

    @Test
    void holdAfterSalesCloseIsRefused() {
        long event = eventClosingIn(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));

        hold(buyer(), event, Map.of("quantity", 1), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:sales-closed");
    }

    @Test
    void holdMadeBeforeSalesCloseCanBeBoughtAfter() {
        long event = eventClosingIn(Duration.ofMinutes(1));
        Buyer buyer = buyer();
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", 1));
        clock.advance(Duration.ofMinutes(1));

        confirm(buyer, reservation, UUID.randomUUID().toString())
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
    }
}
