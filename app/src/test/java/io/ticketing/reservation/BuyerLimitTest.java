package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** One buyer, one share: at most ticketing.reservations.max-seats-per-buyer (4) seats of an event, held and bought together. */
class BuyerLimitTest extends ReservationTestSupport {

    @Value("${local.server.port}")
    int port;

    @Test
    void holdPastTheShareIsRefusedWithTheSeatsLeft() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        held(buyer, event, Map.of("quantity", 3));

        hold(buyer, event, Map.of("quantity", 2), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:buyer-limit")
            .jsonPath("$.seatsLeft").isEqualTo(1)
            .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("1 left"));
        assertThat(heldOrBought(buyer, event)).isEqualTo(3);
    }

    @Test
    void boughtSeatsCountAgainstTheShare() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        confirm(buyer, held(buyer, event, Map.of("quantity", 2)), UUID.randomUUID().toString()).expectStatus().isOk().expectBody();
        held(buyer, event, Map.of("quantity", 2));

        hold(buyer, event, Map.of("quantity", 1), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.seatsLeft").isEqualTo(0);
    }

    @Test
    void cancelledSeatsReturnToTheShare() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        cancel(buyer, held(buyer, event, Map.of("quantity", 4))).expectStatus().isOk().expectBody();

        assertThat((List<?>) held(buyer, event, Map.of("quantity", 4)).get("seats")).hasSize(4);
    }

    @Test
    void expiredSeatsReturnToTheShare() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        expiredHold(buyer, event, 4);
        sweepAll();

        assertThat((List<?>) held(buyer, event, Map.of("quantity", 4)).get("seats")).hasSize(4);
    }

    @Test
    void anotherBuyersShareIsTheirOwn() {
        long event = newEvent(1, 10);
        held(buyer(), event, Map.of("quantity", 4));

        assertThat((List<?>) held(buyer(), event, Map.of("quantity", 4)).get("seats")).hasSize(4);
    }

    @Test
    void parallelHoldsOfOneBuyerTakeNoMoreThanTheShare() {
        long event = newEvent(4, 25);
        Buyer buyer = buyer();
        List<Long> seats = seatIds(event);
        String pass = pass(buyer, event);
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        // Ten at once: as many as the per-user rate limit lets through in one window.
        List<Integer> statuses = Flux.range(0, 10)
            .flatMap(i -> client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(buyer.token());
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", "parallel-" + i);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(i % 2 == 0 ? Map.of("quantity", 1) : Map.of("seatIds", List.of(seats.get(i))))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
            .collectList().block(Duration.ofSeconds(30));

        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(4);
        assertThat(heldOrBought(buyer, event)).isEqualTo(4);
    }

    @Test
    void eventShowsHowManySeatsOneBuyerMayTake() {
        long event = newEvent(1, 10);

        http.get().uri("/api/v1/events/{id}", event).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.maxSeatsPerBuyer").isEqualTo(4);
    }

    private long heldOrBought(Buyer buyer, long event) {
        return db.sql("""
                SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
                WHERE r.event_id = :event AND r.user_id = :user AND r.status IN ('HELD', 'CONFIRMED')""")
            .bind("event", event).bind("user", buyer.id())
            .map(row -> row.get(0, Long.class)).one().block();
    }
}
