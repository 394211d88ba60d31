package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A line that survives Redis forgetting it (issue #26): waiters polling with the ticket of their
 * newest streamUrl get their places back, once, and nobody is admitted twice or beside a full room.
 */
class RedisForgetsTest extends QueueTestSupport {

    @Autowired
    Admissions admissions;

    /** ticketing.queue.pass-ttl, by default. */
    private static final Duration PASS_LIFETIME = Duration.ofMinutes(10);
    /** ticketing.queue.abandon-after, by default. */
    private static final Duration ABANDONED = Duration.ofSeconds(30);
    /** ticketing.queue.restore-window, by default: admissions wait this long after a room that admitted buyers was forgotten. */
    private static final Duration RESTORE_WINDOW = Duration.ofSeconds(3);

    @Test
    void forgottenWaitersPollingInReverseComeBackAtTheirPlaces() {
        long event = newEvent(10, 10);
        List<Buyer> buyers = List.of(buyer(), buyer(), buyer(), buyer());
        List<String> tickets = buyers.stream().map(buyer -> streamTicket(enter(event, buyer))).toList();

        forgetEverything();
        for (int i = buyers.size() - 1; i >= 0; i--) {
            me(event, buyers.get(i), tickets.get(i)).expectStatus().isOk().expectBody();
        }

        assertThat(buyers.stream().map(buyer -> position(status(event, buyer)))).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anEntryAfterTheLossQueuesBehindEveryRestoredWaiterEvenOnesRestoredLater() {
        long event = newEvent(10, 10);
        List<Buyer> buyers = List.of(buyer(), buyer(), buyer());
        List<String> tickets = buyers.stream().map(buyer -> streamTicket(enter(event, buyer))).toList();
        forgetEverything();
        me(event, buyers.get(0), tickets.get(0)).expectStatus().isOk().expectBody();

        Buyer late = buyer();
        enter(event, late);
        me(event, buyers.get(2), tickets.get(2)).expectStatus().isOk().expectBody();
        me(event, buyers.get(1), tickets.get(1)).expectStatus().isOk().expectBody();

        assertThat(position(status(event, late))).isEqualTo(4);
        assertThat(buyers.stream().map(buyer -> position(status(event, buyer)))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void concurrentPollsPutAPlaceBackOnce() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));
        long original = lineTicket(event, buyer);
        forgetEverything();

        List<Long> positions = Flux.range(0, 8).parallel(8).runOn(Schedulers.boundedElastic())
            .map(i -> position(me(event, buyer, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()))
            .sequential().collectList().block(Duration.ofSeconds(30));

        assertThat(positions).containsOnly(1L);
        assertPutBackOnce(event, buyer, original);
    }

    @Test
    void aTicketAdmittedFromIsNotPutBackOnceItsPassExpired() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(buyer.id()));

        elapse(event, PASS_LIFETIME.plusSeconds(1)).block();

        me(event, buyer, ticket).expectStatus().isNotFound().expectBody();
        assertThat(lineTicket(event, buyer)).isNull();
    }

    @Test
    void aTicketSkippedAsAbandonedIsNotPutBack() {
        long event = newEvent(10, 10);
        Buyer gone = buyer();
        String ticket = streamTicket(enter(event, gone));
        elapse(event, ABANDONED.plusSeconds(1)).block();
        Buyer present = buyer();
        enter(event, present);
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(present.id()));

        me(event, gone, ticket).expectStatus().isNotFound().expectBody();
        assertThat(lineTicket(event, gone)).isNull();
    }

    @Test
    void thePlaceOfAWaiterWhoLeftIsNotPutBack() {
        long event = newEvent(10, 10);
        Buyer leaving = buyer();
        String ticket = streamTicket(enter(event, leaving));
        enter(event, buyer());
        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(leaving.token()))
            .exchange().expectStatus().isNoContent()
            .expectBody();

        me(event, leaving, ticket).expectStatus().isNotFound().expectBody();
        assertThat(lineTicket(event, leaving)).isNull();
    }

    @Test
    void anAdmittedBuyerRedisForgotGetsTheSamePassBack() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));
        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));
        Map<?, ?> admitted = status(event, buyer);

        forgetEverything();
        Map<?, ?> back = me(event, buyer, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(back.get("state")).isEqualTo("ADMITTED");
        assertThat(back.get("pass")).isEqualTo(admitted.get("pass"));
        assertThat(back.get("passExpiresAt")).isEqualTo(admitted.get("passExpiresAt"));
    }

    @Test
    void anAdmittedBuyerRedisForgotWhoEntersAndIsAdmittedAgainKeepsTheirPass() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        enter(event, buyer);
        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));
        Map<?, ?> admitted = status(event, buyer);

        forgetEverything();
        assertThat(enter(event, buyer).get("state")).isEqualTo("WAITING");
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, RESTORE_WINDOW.plusSeconds(1))).containsExactly(Long.toString(buyer.id()));

        Map<?, ?> again = status(event, buyer);
        assertThat(again.get("state")).isEqualTo("ADMITTED");
        assertThat(again.get("pass")).isEqualTo(admitted.get("pass"));
        assertThat(again.get("passExpiresAt")).isEqualTo(admitted.get("passExpiresAt"));
    }

    @Test
    void maxActiveCountsAdmissionsStillRunningAfterRedisForgotEverything() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 100, "maxActive", 2));
        enter(event, buyer());
        enter(event, buyer());
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);

        forgetEverything();
        for (int i = 0; i < 3; i++) {
            enter(event, buyer());
        }

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, RESTORE_WINDOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void aForgottenWaiterBackWithinTheRestoreWindowIsAdmittedBeforeALaterEntry() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1));
        enter(event, buyer());
        Buyer waiting = buyer();
        String ticket = streamTicket(enter(event, waiting));
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(1);

        forgetEverything();
        enter(event, buyer());
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        me(event, waiting, ticket).expectStatus().isOk().expectBody();

        assertThat(tickAfter(event, RESTORE_WINDOW)).containsExactly(Long.toString(waiting.id()));
    }

    @Test
    void aBuyerWhoFinishedBeforeTheLossLeavesTheirSlotFreeAfterIt() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 100, "maxActive", 2));
        Buyer finishing = buyer();
        enter(event, finishing);
        enter(event, buyer());
        Buyer next = buyer();
        String ticket = streamTicket(enter(event, next));
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);
        // Bought part of their share: their pass goes on, their slot under maxActive goes to the next waiter.
        admissions.finished(Room.publicLine(event), finishing.id(), false).block();

        forgetEverything();
        me(event, next, ticket).expectStatus().isOk().expectBody();

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, RESTORE_WINDOW.plusSeconds(1))).containsExactly(Long.toString(next.id()));
    }

    @Test
    void aPausedSaleStaysPausedAfterRedisForgotEverything() {
        long event = newEvent(10, 10);
        configure(event, Map.of("paused", true));
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));

        forgetEverything();
        me(event, buyer, ticket).expectStatus().isOk().expectBody();

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, RESTORE_WINDOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void aWaiterInTheInfiniteLineIsPutBackIntoTheInfiniteLine() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        door(event, 8);
        Buyer bot = buyer();
        String ticket = streamTicket(enter(event, bot));
        QueueKeys keys = new QueueKeys(redisKeys, event);
        Double virtual = redis.opsForZSet().score(keys.limbo(), Long.toString(bot.id())).block();

        forgetEverything();
        Map<?, ?> back = me(event, bot, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(back.get("state")).isEqualTo("WAITING");
        assertThat(redis.opsForZSet().score(keys.limbo(), Long.toString(bot.id())).block()).isEqualTo(virtual);
        assertThat(lineTicket(event, bot)).isNull();
    }

    @Test
    void anEarlyArrivalForgottenBeforeTheDrawIsPutBackIntoThePreQueue() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 10, 10);
        Buyer early = buyer();
        String ticket = streamTicket(enter(event, early));

        forgetEverything();
        Map<?, ?> back = me(event, early, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(back.get("preQueue")).isEqualTo(true);
        assertThat(redis.opsForSet().isMember(new QueueKeys(redisKeys, event).preQueue(), Long.toString(early.id())).block()).isTrue();
        assertThat(lineTicket(event, early)).isNull();
    }

    @Test
    void aPollWithAnotherUsersTicketIsRefused() {
        long event = newEvent(10, 10);
        String othersTicket = streamTicket(enter(event, buyer()));
        Buyer buyer = buyer();
        enter(event, buyer);

        me(event, buyer, othersTicket).expectStatus().isForbidden()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:stream-ticket");
    }

    @Test
    void aPollWithAnotherLinesTicketIsRefused() {
        long event = newEvent(10, 10);
        String code = unique("FORGET");
        presaleLane(event, 5, code);
        Buyer buyer = buyer();
        String laneTicket = streamTicket(enterWithCode(event, buyer, code).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());

        me(event, buyer, laneTicket).expectStatus().isForbidden()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:stream-ticket");
    }

    @Test
    void aPollWithAMalformedTicketIsRefusedNeverAFailure() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));
        List<String> malformed = new ArrayList<>(List.of("not-a-ticket", "a.b", ".", "..", "%00", "\u00e9\u00e9.\u00e9", ticket + "x",
            ticket.substring(0, ticket.indexOf('.')), ticket.substring(ticket.indexOf('.'))));

        for (String forged : malformed) {
            me(event, buyer, forged).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:stream-ticket");
        }
    }
}
