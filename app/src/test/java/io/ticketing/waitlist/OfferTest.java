package io.ticketing.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.Invariants;

/** Seats that come back to a sold-out event are offered to its waiting list, in its order, each entry once. */
class OfferTest extends OfferTestSupport {

    @Test
    void aSeatOfAnExpiredHoldIsOfferedToTheFirstInLineAndHeldForTheOffer() {
        long event = newEvent(1, 3);
        Returner returner = soldOutButOne(event);
        // The line's order, not the order of the accounts.
        Buyer second = buyer();
        Buyer first = buyer();
        listed(event, first, second);
        clock.advance(Duration.ofMinutes(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            holdExpiry.runNow().block();
            return "EXPIRED".equals(reservationStatus(((Number) returner.hold().get("id")).longValue()));
        });

        sweep();

        Map<?, ?> offer = offer(event, first);
        assertThat(status(offer)).isEqualTo("OFFERED");
        assertThat(seatIdsOf(offer)).containsExactly(returner.seat());
        assertThat(Instant.parse((String) offer.get("expiresAt"))).isAfter(clock.instant().plus(properties.offerWindow()).minusSeconds(10));
        assertThat(offer(event, second)).isNull();
        assertThat(seatStatus(returner.seat())).isEqualTo("HELD");
        assertThat(owner(returner.seat())).isEqualTo(offerId(offer));
        assertThat(share(event, first)).as("an offer takes no share until it is taken").isZero();
        assertThat(Invariants.check(sql, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    @Test
    void anOfferedSeatCannotBeHeldByAnyoneElse() {
        long event = offeredTo(buyer());

        refused(hold(buyer(), event, Map.of("quantity", 1), UUID.randomUUID().toString()), 409, "sold-out");
    }

    @Test
    void anEventWhoseOnlySeatsLeftAreOfferedStaysSoldOutForItsLine() {
        long event = offeredTo(buyer());

        http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer().token()))
            .exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("SOLD_OUT");
    }

    @Test
    void aCancelledHoldsSeatsAreOfferedUpToTheBuyersShare() {
        long event = newEvent(1, 6);
        Returner returner = returner(event, 4);
        Buyer first = buyer();
        held(first, event, Map.of("quantity", 1));
        sellTheRest(event);
        Buyer second = buyer();
        listed(event, first, second);
        giveBack(returner);

        sweep();

        assertThat(seatIdsOf(offer(event, first))).as("the first buyer's share has room for 3 of the 4").hasSize(3);
        assertThat(seatIdsOf(offer(event, second))).as("the fourth seat goes to the next buyer").hasSize(1);
    }

    @Test
    void eachEntryIsOfferedOnceInTheListsOrder() {
        long event = newEvent(1, 3);
        List<Returner> returners = soldOutBut(event, 2);
        Buyer first = buyer();
        Buyer second = buyer();
        listed(event, first, second);
        giveBack(returners.get(0));
        sweep();
        long firstOffer = offerId(offer(event, first));

        sweep();
        assertThat(offer(event, second)).as("no seat is free for the second yet").isNull();
        giveBack(returners.get(1));
        sweep();

        assertThat(offerId(offer(event, first))).isEqualTo(firstOffer);
        assertThat(status(offer(event, second))).isEqualTo("OFFERED");
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id AND status = 'OFFERED'", event)).isEqualTo(2);
    }

    @Test
    void anEntryFromTheInfiniteLineIsNeverOffered() {
        long event = newEvent(1, 2);
        Returner returner = soldOutButOne(event);
        Buyer bot = buyer();
        Buyer real = buyer();
        list(event, bot, 1, true);
        list(event, real, 2, false);
        giveBack(returner);

        sweep();

        assertThat(offer(event, bot)).isNull();
        assertThat(status(offer(event, real))).isEqualTo("OFFERED");
    }

    @Test
    void anUnansweredOfferPassesAndItsSeatsGoToTheNextEntry() {
        Buyer first = buyer();
        Buyer second = buyer();
        long event = offeredTo(first, second);
        Map<?, ?> offered = offer(event, first);

        letPass(offerId(offered));
        sweep();

        assertThat(status(offer(event, first))).isEqualTo("PASSED");
        Map<?, ?> next = offer(event, second);
        assertThat(status(next)).isEqualTo("OFFERED");
        assertThat(seatIdsOf(next)).isEqualTo(seatIdsOf(offered));
        assertThat(owner(seatIdsOf(next).get(0))).isEqualTo(offerId(next));
    }

    @Test
    void aPassedOfferWithNobodyLeftPutsItsSeatsBackOnSale() {
        Buyer only = buyer();
        long event = offeredTo(only);
        Map<?, ?> offered = offer(event, only);

        letPass(offerId(offered));
        sweep();

        assertThat(seatStatus(seatIdsOf(offered).get(0))).isEqualTo("AVAILABLE");
        assertThat(status(offer(event, only))).as("offered once: the entry is not offered again").isEqualTo("PASSED");
    }

    @Test
    void offersOutliveRedisForgettingEverything() {
        long event = newEvent(1, 2);
        Buyer buyer = buyer();
        http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer.token())).exchange().expectStatus().isOk().expectBody();
        Returner returner = soldOutButOne(event);
        listed(event, buyer);
        giveBack(returner);
        sweep();
        Map<?, ?> offered = offer(event, buyer);

        // The line the buyer came from, the cached event, everything.
        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();

        assertThat(offer(event, buyer)).isEqualTo(offered);
        take(buyer, event, offerId(offered)).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("HELD");
    }

    @Test
    void theOperatorSeesWhoWaitsAndWhatBecameOfTheOffers() {
        long event = newEvent(1, 3);
        List<Returner> returners = soldOutBut(event, 2);
        Buyer taker = buyer();
        Buyer passer = buyer();
        Buyer open = buyer();
        listed(event, taker, passer, open, buyer(), buyer());
        giveBack(returners.get(0));
        sweep();
        take(taker, event, offerId(offer(event, taker))).expectStatus().isCreated().expectBody();
        giveBack(returners.get(1));
        sweep();
        letPass(offerId(offer(event, passer)));
        sweep();

        http.get().uri("/api/v1/admin/events/{id}/waiting-list", event).header("Authorization", bearer(adminToken())).exchange()
            .expectStatus().isOk()
            .expectBody().json("{\"waiting\": 2, \"offersOpen\": 1, \"offersTaken\": 1, \"offersPassed\": 1}");
        assertThat(status(offer(event, open))).isEqualTo("OFFERED");
    }

    @Test
    void theSummaryIsForOperatorsOnly() {
        long event = newEvent(1, 2);

        http.get().uri("/api/v1/admin/events/{id}/waiting-list", event).header("Authorization", bearer(buyer().token())).exchange()
            .expectStatus().isForbidden().expectBody();
    }
}
