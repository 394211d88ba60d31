package io.ticketing.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.Invariants;

/** A buyer takes their offer with a hold carrying {@code offerId}, and no Admission-Pass: the offer is the grant. */
class TakeOfferTest extends OfferTestSupport {

    @Test
    void takingAnOfferHoldsItsSeatsAndTakesTheBuyersShare() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        Map<?, ?> offer = offer(event, buyer);

        Map<?, ?> hold = take(buyer, event, offerId(offer)).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(((Number) hold.get("id")).longValue()).isEqualTo(offerId(offer));
        assertThat(hold.get("status")).isEqualTo("HELD");
        assertThat(((List<?>) hold.get("seats")).stream().map(seat -> ((Number) ((Map<?, ?>) seat).get("id")).longValue()).toList())
            .isEqualTo(seatIdsOf(offer));
        assertThat(share(event, buyer)).isEqualTo(1);
        assertThat(status(offer(event, buyer))).isEqualTo("HELD");
        assertThat(Invariants.check(sql, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    @Test
    void aTakenOfferIsConfirmedLikeAnyHold() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));
        take(buyer, event, offerId).expectStatus().isCreated().expectBody();

        http.post().uri("/api/v1/reservations/{id}/confirm", offerId).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", UUID.randomUUID().toString()).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");

        assertThat(seatStatus(seatIdsOf(offer(event, buyer)).get(0))).isEqualTo("SOLD");
    }

    @Test
    void takingItAgainAnswersTheSameReservation() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));
        take(buyer, event, offerId).expectStatus().isCreated().expectBody();

        take(buyer, event, offerId).expectStatus().isCreated()
            .expectBody().jsonPath("$.id").isEqualTo(offerId).jsonPath("$.status").isEqualTo("HELD");
        assertThat(share(event, buyer)).as("the share is taken once").isEqualTo(1);
    }

    @Test
    void anOfferOverTheBuyersLimitIsRefusedAndStaysOpen() {
        long event = newEvent(1, 6);
        Buyer buyer = buyer();
        held(buyer, event, Map.of("quantity", 2));
        Returner returner = returner(event, 3);
        sellTheRest(event);
        listed(event, buyer);
        giveBack(returner);
        sweep();
        Map<?, ?> offer = offer(event, buyer);
        // Room for two was offered; the third seat that came back, held with the buyer's pass meanwhile, fills one of them.
        held(buyer, event, Map.of("quantity", 1));

        take(buyer, event, offerId(offer)).expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:buyer-limit").jsonPath("$.seatsLeft").isEqualTo(1);
        assertThat(status(offer(event, buyer))).isEqualTo("OFFERED");
        assertThat(share(event, buyer)).isEqualTo(3);
    }

    @Test
    void someoneElsesOfferIsUnknown() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));

        refused(take(buyer(), event, offerId), 404, "offer-unknown");
        assertThat(reservationStatus(offerId)).isEqualTo("OFFERED");
    }

    @Test
    void guessingOfferIdsRunsIntoTheAccountsHoldLimit() {
        long event = newEvent(1, 2);
        Buyer guesser = buyer();
        // holds-per-user: 10 per window, by default.
        for (int guess = 1; guess <= 10; guess++) {
            refused(take(guesser, event, guess), 404, "offer-unknown");
        }

        refused(take(guesser, event, 11), 429, "rate-limited");
    }

    @Test
    void aHoldIsNoOffer() {
        long event = newEvent(1, 2);
        Buyer buyer = buyer();
        Map<?, ?> hold = held(buyer, event, Map.of("quantity", 1));

        refused(take(buyer, event, ((Number) hold.get("id")).longValue()), 404, "offer-unknown");
    }

    @Test
    void aPassedOfferHasExpired() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));
        letPass(offerId);

        refused(take(buyer, event, offerId), 410, "offer-expired");
    }

    @Test
    void anOfferPastItsDeadlineHasExpiredBeforeItIsSwept() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));
        clock.advance(properties.offerWindow().plusSeconds(1));

        refused(take(buyer, event, offerId), 410, "offer-expired");
        assertThat(share(event, buyer)).isZero();
    }

    @Test
    void anOfferIdWithAQuantityIsABadRequest() {
        Buyer buyer = buyer();
        long event = offeredTo(buyer);
        long offerId = offerId(offer(event, buyer));

        take(buyer, event, Map.of("offerId", offerId, "quantity", 1), UUID.randomUUID().toString()).expectStatus().isBadRequest().expectBody();
        assertThat(reservationStatus(offerId)).isEqualTo("OFFERED");
    }
}
