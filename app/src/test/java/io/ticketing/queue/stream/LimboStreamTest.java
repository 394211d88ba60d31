package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.ticketing.queue.QueueTestSupport;

/** The stream of an entry in the door's infinite line: a waiter's stream in every way the client sees. */
class LimboStreamTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aLimboStreamSendsPlacesThatMoveWithTheRealLine() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1));
        enter(event, buyer());
        enter(event, buyer());
        door(event, 8);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        tickAfter(event, Duration.ZERO);

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("position");
                assertThat(e.data()).containsOnlyKeys("position", "aheadOfYou", "etaSeconds", "preQueue", "message").containsEntry("position", 3);
            })
            .then(() -> tick(event, Duration.ofSeconds(1)).subscribe())
            .assertNext(e -> assertThat(e.data()).containsEntry("position", 2).containsEntry("aheadOfYou", 1))
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void leavingTheInfiniteLineEndsItsStreamAtTheNextLookAtItsStanding() {
        long event = newEvent(10, 10);
        door(event, 8);
        Buyer bot = buyer();
        String streamUrl = (String) enter(event, bot).get("streamUrl");

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            .then(() -> {
                http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(bot.token()))
                    .exchange().expectStatus().isNoContent().expectBody();
                // A limbo stream looks at its standing once a heartbeat (500 ms in tests), not at every push.
                clock.advance(Duration.ofSeconds(1));
            })
            .assertNext(e -> assertThat(e.event()).isEqualTo("left"))
            .expectComplete()
            .verify(WAIT);
    }

    private Flux<ServerSentEvent<Map<String, Object>>> open(String streamUrl) {
        return http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(event -> event.event() != null);
    }
}
