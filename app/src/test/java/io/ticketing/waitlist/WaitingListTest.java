package io.ticketing.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.queue.QueueTestSupport;

/** The waiting list for returns through the API: joined from a sold-out event's line, kept in MySQL. */
class WaitingListTest extends QueueTestSupport {

    @Test
    void theListKeepsTheLinesOrderWhateverTheOrderOfJoining() {
        Buyer first = buyer();
        Buyer second = buyer();
        long event = soldOutWithInLine(first, second);

        assertThat(position(join(event, second).expectStatus().isCreated())).isEqualTo(1);
        assertThat(position(join(event, first).expectStatus().isCreated())).isEqualTo(1);
        assertThat(position(place(event, second).expectStatus().isOk())).isEqualTo(2);
    }

    @Test
    void joiningTwiceKeepsThePlace() {
        Buyer buyer = buyer();
        long event = soldOutWithInLine(buyer);
        join(event, buyer).expectStatus().isCreated().expectBody();

        assertThat(position(join(event, buyer).expectStatus().isOk())).isEqualTo(1);
    }

    @Test
    void anEventWithSeatsLeftHasNoWaitingList() {
        long event = newEvent(1, 2);
        Buyer buyer = buyer();
        enter(event, buyer);

        join(event, buyer).expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("not-sold-out"));
    }

    @Test
    void aBuyerWhoIsNotInTheLineCannotJoin() {
        long event = newEvent(1, 2);
        enter(event, buyer());
        soldOut(event);

        join(event, buyer()).expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("not-in-line"));
    }

    @Test
    void leavingTheListMovesThoseBehindUp() {
        Buyer first = buyer();
        Buyer second = buyer();
        long event = soldOutWithInLine(first, second);
        join(event, first).expectStatus().isCreated().expectBody();
        join(event, second).expectStatus().isCreated().expectBody();

        http.delete().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(first.token()))
            .exchange().expectStatus().isNoContent().expectBody();

        place(event, first).expectStatus().isNotFound().expectBody();
        assertThat(position(place(event, second).expectStatus().isOk())).isEqualTo(1);
    }

    @Test
    void theListOutlivesTheLineRedisForgets() {
        Buyer buyer = buyer();
        long event = soldOutWithInLine(buyer);
        join(event, buyer).expectStatus().isCreated().expectBody();

        // Every key of the event's room, as a restart without persistence would leave it.
        redis.delete(redis.keys(redisKeys.key("{event:" + event + "}:*"))).block();

        assertThat(position(place(event, buyer).expectStatus().isOk())).isEqualTo(1);
    }

    @Test
    void anEntryFromTheInfiniteLineIsCountedAheadOfNobody() {
        long event = newEvent(1, 2);
        Buyer real = buyer();
        enter(event, real);
        door(event, 8);
        Buyer bot = buyer();
        enter(event, bot);
        door(event, 0);
        Buyer later = buyer();
        enter(event, later);
        soldOut(event);

        List.of(real, bot, later).forEach(buyer -> join(event, buyer).expectStatus().isCreated().expectBody());

        assertThat(position(place(event, later).expectStatus().isOk())).isEqualTo(2);
    }

    /** A new event with {@code inLine} in its line, in that order, then sold out. */
    private long soldOutWithInLine(Buyer... inLine) {
        long event = newEvent(1, 2);
        for (Buyer buyer : inLine) {
            enter(event, buyer);
        }
        soldOut(event);
        return event;
    }

    /** Every seat sold behind the API's back, and the event's cached counts forgotten until the service sees it. */
    private void soldOut(long event) {
        sellSeats(event, "TRUE").block();
        redis.delete(redisKeys.key("{event:" + event + "}:detail")).block();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SOLD_OUT".equals(statusOf(event)));
    }

    private String statusOf(long event) {
        Map<?, ?> snapshot = enter(event, buyer());
        return (String) snapshot.get("state");
    }

    private WebTestClient.ResponseSpec join(long event, Buyer buyer) {
        return http.post().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(buyer.token())).exchange();
    }

    private WebTestClient.ResponseSpec place(long event, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(buyer.token())).exchange();
    }

    private static long position(WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) body.get("position")).longValue();
    }
}
