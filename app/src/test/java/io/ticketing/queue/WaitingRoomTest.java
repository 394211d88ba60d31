package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

class WaitingRoomTest extends QueueTestSupport {

    @Autowired
    DatabaseClient db;

    @Test
    void enteringReportsPlaceEtaAndStreamUrl() {
        long event = newEvent(10, 10);
        Map<?, ?> first = enter(event, buyer());
        Map<?, ?> second = enter(event, buyer());

        assertThat(first.get("state")).isEqualTo("WAITING");
        assertThat(position(first)).isEqualTo(1);
        assertThat(second.get("aheadOfYou")).isEqualTo(1);
        assertThat(second.get("etaSeconds")).isEqualTo(1);
        assertThat((String) second.get("streamUrl")).startsWith("/api/v1/events/" + event + "/queue/stream?ticket=");
        assertThat(second.get("pass")).isNull();
    }

    @Test
    void reEntryKeepsThePlace() {
        long event = newEvent(10, 10);
        Buyer first = buyer();
        Buyer second = buyer();
        enter(event, first);
        enter(event, second);

        assertThat(position(enter(event, first))).isEqualTo(1);
        assertThat(position(enter(event, second))).isEqualTo(2);
        assertThat(stats(event).get("waiting")).isEqualTo(2);
    }

    @Test
    void lineIsFirstComeFirstServed() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 2));
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buyers.add(buyer());
            enter(event, buyers.get(i));
        }

        tickAfter(event, Duration.ZERO);
        List<String> admitted = tickAfter(event, Duration.ofSeconds(1));

        assertThat(admitted).containsExactly(Long.toString(buyers.get(0).id()), Long.toString(buyers.get(1).id()));
        assertThat(position(status(event, buyers.get(2)))).isEqualTo(1);
        assertThat(position(status(event, buyers.get(4)))).isEqualTo(3);
    }

    @Test
    void leavingGivesUpThePlace() {
        long event = newEvent(10, 10);
        Buyer a = buyer();
        Buyer b = buyer();
        Buyer c = buyer();
        enter(event, a);
        enter(event, b);
        enter(event, c);

        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(b.token()))
            .exchange().expectStatus().isNoContent()
            .expectBody();

        assertThat(position(status(event, c))).isEqualTo(2);
        me(event, b).expectStatus().isNotFound().expectBody();
    }

    @Test
    void admissionRateIsRespected() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 10));
        for (int i = 0; i < 30; i++) {
            enter(event, buyer());
        }

        assertThat(tickAfter(event, Duration.ZERO)).isEmpty();
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(10);
        assertThat(tickAfter(event, Duration.ofMillis(500))).hasSize(5);
        // An idle stretch banks at most one second of admissions.
        assertThat(tickAfter(event, Duration.ofSeconds(20))).hasSize(10);
    }

    @Test
    void maxActiveCapsConcurrentBuyers() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 100, "maxActive", 3));
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            buyers.add(buyer());
            enter(event, buyers.get(i));
        }

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(3);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();

        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyers.get(0).token()))
            .exchange().expectStatus().isNoContent()
            .expectBody();
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(buyers.get(3).id()));
    }

    @Test
    void neverAdmitsMoreBuyersThanSeatsLeft() {
        long event = newEvent(1, 2);
        configure(event, Map.of("admissionRatePerSecond", 100));
        for (int i = 0; i < 5; i++) {
            enter(event, buyer());
        }

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void abandonedWaitersAreSkippedNotAdmitted() {
        long event = newEvent(10, 10);
        Buyer gone = buyer();
        Buyer present = buyer();
        enter(event, gone);
        elapse(event, Duration.ofSeconds(31)).block();
        enter(event, present);

        tickAfter(event, Duration.ZERO);
        List<String> admitted = tickAfter(event, Duration.ofSeconds(1));

        assertThat(admitted).containsExactly(Long.toString(present.id()));
        assertThat(stats(event).get("skipped")).isEqualTo(1);
        me(event, gone).expectStatus().isNotFound().expectBody();
    }

    @Test
    void admittedBuyerGetsAPassAgainWhileItIsValid() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        enter(event, buyer);
        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));

        Map<?, ?> status = status(event, buyer);
        assertThat(status.get("state")).isEqualTo("ADMITTED");
        assertThat((String) status.get("pass")).isNotBlank();
        assertThat(status.get("passExpiresAt")).isNotNull();
        assertThat(enter(event, buyer).get("state")).isEqualTo("ADMITTED");
    }

    @Autowired
    Admissions admissions;

    @Test
    void aFinishedBuyerFreesTheirSlotForTheNextWaiter() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 100, "maxActive", 1));
        Buyer first = buyer();
        Buyer second = buyer();
        enter(event, first);
        enter(event, second);
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(first.id()));
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();

        admissions.finished(Room.publicLine(event), first.id(), false).block();

        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(second.id()));
    }

    @Test
    void soldOutEventTurnsWaitersAndNewcomersAway() {
        long event = newEvent(1, 1);
        Buyer waiting = buyer();
        enter(event, waiting);

        sellSeats(event, "TRUE").block();
        forgetCachedEvent(event);

        assertThat(status(event, waiting).get("state")).isEqualTo("SOLD_OUT");
        assertThat(enter(event, buyer()).get("state")).isEqualTo("SOLD_OUT");
    }

    @Test
    void aSoldOutAnswerPointsToTheWaitingList() {
        long event = newEvent(1, 1);
        Buyer waiting = buyer();
        enter(event, waiting);

        sellSeats(event, "TRUE").block();
        forgetCachedEvent(event);

        assertThat(status(event, waiting).get("waitingList")).isEqualTo(true);
    }

    @Test
    void preQueueIsShuffledOnceAtOpeningAndGoesFirst() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 10, 10);
        List<Buyer> early = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            early.add(buyer());
            Map<?, ?> snapshot = enter(event, early.get(i));
            assertThat(snapshot.get("state")).isEqualTo("WAITING");
            assertThat(snapshot.get("preQueue")).isEqualTo(true);
            assertThat(snapshot.get("position")).isNull();
        }

        salesOpenNow(event);
        Buyer late = buyer();
        assertThat(position(enter(event, late))).isEqualTo(13);

        List<Long> positions = early.stream().map(b -> position(status(event, b))).toList();
        assertThat(positions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        // 12! orders: arriving order surviving a fair shuffle has a chance of about 2 in a billion.
        assertThat(positions).isNotEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    }

    @Test
    void afterSalesCloseTheRoomIsClosed() {
        long event = eventClosingIn(Duration.ofMinutes(1));
        Buyer waiting = buyer();
        enter(event, waiting);
        clock.advance(Duration.ofMinutes(2));
        forgetCachedEvent(event);

        assertThat(status(event, waiting).get("state")).isEqualTo("CLOSED");
        assertThat(enter(event, buyer()).get("state")).isEqualTo("CLOSED");
    }

    @Test
    void adminSeesAndChangesTheQueueLive() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        http.put().uri("/api/v1/admin/events/{id}/queue", event).header("Authorization", bearer(adminToken()))
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("admissionRatePerSecond", 7, "maxActive", 9, "paused", true))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.waiting").isEqualTo(1)
            .jsonPath("$.admissionRatePerSecond").isEqualTo(7)
            .jsonPath("$.maxActive").isEqualTo(9)
            .jsonPath("$.paused").isEqualTo(true);

        assertThat(tickAfter(event, Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void onlyAdminsSeeQueueFigures() {
        long event = newEvent(1, 1);
        http.get().uri("/api/v1/admin/events/{id}/queue", event).header("Authorization", bearer(newUserToken()))
            .exchange().expectStatus().isForbidden()
            .expectBody();
    }

    @Test
    void enteringAnUnknownEventIsNotFound() {
        http.post().uri("/api/v1/events/{id}/queue", Long.MAX_VALUE).header("Authorization", bearer(newUserToken()))
            .exchange().expectStatus().isNotFound()
            .expectBody();
    }
}
