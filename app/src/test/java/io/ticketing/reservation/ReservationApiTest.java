package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;


class ReservationApiTest extends ReservationTestSupport {

    @Test
    void chosenSeatsAreHeld() {
        long event = newEvent(2, 5);
        List<Long> seats = seatIds(event);
        Map<?, ?> reservation = held(buyer(), event, Map.of("seatIds", List.of(seats.get(0), seats.get(1))));

        assertThat(reservation.get("status")).isEqualTo("HELD");
        assertThat(((Number) reservation.get("eventId")).longValue()).isEqualTo(event);
        assertThat((List<?>) reservation.get("seats")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) reservation.get("seats")).get(0)).keySet()).extracting(Object::toString).contains("id", "section", "row", "number");
        assertThat(reservation.get("holdExpiresAt")).isNotNull();
        assertThat(seatStatus(seats.get(0))).isEqualTo("HELD");
    }

    @Test
    void bestAvailableKeepsTheSeatsInOneRow() {
        long event = newEvent(3, 4);
        List<Long> seats = seatIds(event);
        held(buyer(), event, Map.of("seatIds", List.of(seats.get(1))));

        List<?> got = (List<?>) held(buyer(), event, Map.of("quantity", 3)).get("seats");

        assertThat(got).hasSize(3);
        assertThat(got.stream().map(s -> ((Map<?, ?>) s).get("row")).distinct()).hasSize(1);
    }

    @Test
    void takenSeatIsAConflictThatNamesIt() {
        long event = newEvent(1, 5);
        long seat = seatIds(event).get(0);
        held(buyer(), event, Map.of("seatIds", List.of(seat)));

        hold(buyer(), event, Map.of("seatIds", List.of(seat)), "k-" + UUID.randomUUID())
            .expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:seats-taken")
            .jsonPath("$.seatIds[0]").isEqualTo(seat);
    }

    @Test
    void soldOutIsAConflictOfItsOwnType() {
        long event = newEvent(1, 1);
        held(buyer(), event, Map.of("quantity", 1));

        hold(buyer(), event, Map.of("quantity", 1), "k-" + UUID.randomUUID())
            .expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:sold-out");
    }

    @Test
    void holdWithoutAPassIsForbidden() {
        long event = newEvent(1, 1);
        Buyer buyer = buyer();
        http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", "k-1").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange()
            .expectStatus().isForbidden()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:admission-required");
    }

    @Test
    void passForAnotherEventIsForbidden() {
        long event = newEvent(1, 1);
        long other = newEvent(1, 1);
        Buyer buyer = buyer();
        http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass(buyer, other))
            .header("Idempotency-Key", "k-2").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange()
            .expectStatus().isForbidden()
            .expectBody();
    }

    @Test
    void sameKeyAndBodyReplaysTheOriginalReservation() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        String key = UUID.randomUUID().toString();
        Map<?, ?> first = hold(buyer, event, Map.of("quantity", 2), key).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> again = hold(buyer, event, Map.of("quantity", 2), key).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
        assertThat(db.sql("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'HELD'").bind("id", event)
            .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(2);
    }

    @Test
    void sameKeyWithAnotherBodyIsUnprocessable() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        String key = UUID.randomUUID().toString();
        hold(buyer, event, Map.of("quantity", 2), key).expectStatus().isCreated().expectBody();
        hold(buyer, event, Map.of("quantity", 3), key).expectStatus().isEqualTo(422)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:idempotency-key-reused");
    }

    @Test
    void holdWithoutIdempotencyKeyIsABadRequest() {
        long event = newEvent(1, 1);
        Buyer buyer = buyer();
        http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass(buyer, event)).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("Idempotency-Key"));
    }

    @Test
    void moreSeatsThanTheLimitIsABadRequest() {
        long event = newEvent(1, 10);
        hold(buyer(), event, Map.of("quantity", 5), "k-3").expectStatus().isBadRequest().expectBody();
    }

    @Test
    void confirmMakesTheSaleFinalAndIsIdempotent() {
        long event = newEvent(1, 3);
        Buyer buyer = buyer();
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", 2));

        for (int i = 0; i < 2; i++) {
            confirm(buyer, reservation, "confirm-" + id(reservation))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        }
        long seat = ((Number) ((Map<?, ?>) ((List<?>) reservation.get("seats")).get(0)).get("id")).longValue();
        assertThat(seatStatus(seat)).isEqualTo("SOLD");
    }

    @Test
    void confirmingAnExpiredHoldIsAConflictThatPutsItsSeatsBackOnSaleAtOnce() {
        long event = newEvent(1, 3);
        Buyer buyer = buyer();
        Map<?, ?> reservation = expiredHold(buyer, event, 3);

        refusedAsExpired(confirm(buyer, reservation, "confirm-late"));
        assertBackOnSale(buyer, reservation, "EXPIRED", event, 3);
    }

    @Test
    void confirmingAHoldTheSweepAlreadyExpiredIsTheSameConflict() {
        long event = newEvent(1, 3);
        Buyer buyer = buyer();
        Map<?, ?> reservation = expiredHold(buyer, event, 1);
        sweepAll();

        refusedAsExpired(confirm(buyer, reservation, "confirm-after-sweep"));
    }

    @Test
    void cancelPutsTheSeatsBackOnSaleAtOnce() {
        long event = newEvent(1, 3);
        Buyer buyer = buyer();
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", 3));

        http.delete().uri("/api/v1/reservations/{id}", id(reservation)).header("Authorization", bearer(buyer.token()))
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        http.get().uri("/api/v1/events/{id}", event).exchange()
            .expectBody().jsonPath("$.available").isEqualTo(3).jsonPath("$.held").isEqualTo(0);
    }

    @Test
    void expiredHoldReleasesItsSeats() {
        long event = newEvent(1, 2);
        Buyer buyer = buyer();
        Map<?, ?> reservation = expiredHold(buyer, event, 2);

        assertThat(sweepAll()).isGreaterThanOrEqualTo(1);

        assertBackOnSale(buyer, reservation, "EXPIRED", event, 2);
    }

    @Test
    void someoneElsesReservationIsNotFound() {
        long event = newEvent(1, 2);
        Map<?, ?> reservation = held(buyer(), event, Map.of("quantity", 1));
        http.get().uri("/api/v1/reservations/{id}", id(reservation)).header("Authorization", bearer(buyer().token())).exchange()
            .expectStatus().isNotFound()
            .expectBody();
    }

    @Test
    void myReservationsArePagedNewestFirst() {
        long event = newEvent(1, 5);
        Buyer buyer = buyer();
        long first = id(held(buyer, event, Map.of("quantity", 1)));
        long second = id(held(buyer, event, Map.of("quantity", 1)));

        Map<?, ?> page = http.get().uri("/api/v1/reservations?limit=1").header("Authorization", bearer(buyer.token())).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("id")).longValue()).isEqualTo(second);
        http.get().uri("/api/v1/reservations?limit=1&cursor=" + page.get("nextCursor")).header("Authorization", bearer(buyer.token())).exchange()
            .expectBody().jsonPath("$.items[0].id").isEqualTo(first).jsonPath("$.nextCursor").doesNotExist();
    }
}
