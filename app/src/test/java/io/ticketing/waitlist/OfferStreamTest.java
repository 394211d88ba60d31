package io.ticketing.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/** The buyer's line stream stays open after the sell-out and tells them of their offer. */
class OfferStreamTest extends OfferTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void anOfferReachesTheBuyersStreamAfterTheSellOut() {
        long event = newEvent(1, 2);
        Buyer buyer = buyer();
        String streamUrl = (String) http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer.token())).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("streamUrl");
        List<ServerSentEvent<Map<String, Object>>> received = new CopyOnWriteArrayList<>();
        Disposable stream = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() != null)
            .subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sent(received, "position").isPresent());
            sellSeats(event, "TRUE").then(redis.delete(redisKeys.key("{event:" + event + "}:detail"))).block();
            await().atMost(Duration.ofSeconds(10)).until(() -> sent(received, "sold-out").isPresent());
            listed(event, buyer);
            // A seat comes back as a lane's returned quota does: free, and public again.
            long seat = seatIds(event).get(0);
            sql.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE id = :id").bind("id", seat).then().block();

            sweep();

            await().atMost(Duration.ofSeconds(10)).until(() -> sent(received, "offer").isPresent());
            Map<String, Object> pushed = sent(received, "offer").get().data();
            Map<?, ?> offer = offer(event, buyer);
            assertThat(((Number) pushed.get("offerId")).longValue()).isEqualTo(offerId(offer));
            assertThat(((List<?>) pushed.get("seatIds")).stream().map(id -> ((Number) id).longValue()).toList()).containsExactly(seat);
            assertThat(pushed.get("expiresAt")).isEqualTo(offer.get("expiresAt"));
        }
        finally {
            stream.dispose();
        }
    }

    private static Optional<ServerSentEvent<Map<String, Object>>> sent(List<ServerSentEvent<Map<String, Object>>> received, String event) {
        return received.stream().filter(e -> event.equals(e.event())).findFirst();
    }
}
