package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;

class QueueStreamTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration WAIT = Duration.ofSeconds(10);

    @org.springframework.beans.factory.annotation.Autowired
    DatabaseClient db;

    private Flux<ServerSentEvent<Map<String, Object>>> open(String streamUrl) {
        return http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(event -> event.event() != null);
    }

    @Test
    void streamPushesPositionsThenTheAdmission() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1));
        enter(event, buyer());
        Buyer second = buyer();
        String streamUrl = (String) enter(event, second).get("streamUrl");
        tickAfter(event, Duration.ZERO);

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("position");
                assertThat(e.data()).containsEntry("position", 2).containsEntry("aheadOfYou", 1);
            })
            .then(() -> admitLater(event))
            .assertNext(e -> assertThat(e.data()).containsEntry("position", 1))
            .then(() -> admitLater(event))
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("admitted");
                assertThat((String) e.data().get("pass")).isNotBlank();
                assertThat(e.data()).containsKey("expiresAt");
            })
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void reconnectingResumesTheSamePlace() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        for (int attempt = 0; attempt < 2; attempt++) {
            open(streamUrl)
                .as(StepVerifier::create)
                .assertNext(e -> assertThat(e.data()).containsEntry("position", 2))
                .thenCancel()
                .verify(WAIT);
        }
    }

    @Test
    void soldOutIsBroadcastToWaiters() {
        long event = newEvent(1, 1);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            .then(() -> {
                sellSeats(event, "TRUE").then(redis.delete("{event:" + event + "}:detail")).subscribe();
            })
            .assertNext(e -> assertThat(e.event()).isEqualTo("sold-out"))
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void closingTheSaleEndsEveryStream() {
        long event = eventClosingIn(Duration.ofMinutes(1));
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            .then(() -> clock.advance(Duration.ofMinutes(2)))
            .assertNext(e -> assertThat(e.event()).isEqualTo("closed"))
            .expectComplete()
            .verify(WAIT);
    }

    @Test
    void idleStreamGetsHeartbeatComments() {
        long event = newEvent(10, 10);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() == null && e.comment() != null)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.comment()).isEqualTo("heartbeat"))
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void forgedTicketIsRefused() {
        long event = newEvent(1, 1);
        http.get().uri("/api/v1/events/{id}/queue/stream?ticket=not-a-ticket", event).accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void ticketForAnotherEventIsRefused() {
        long event = newEvent(1, 1);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        String ticket = streamUrl.substring(streamUrl.indexOf("ticket=") + 7);
        http.get().uri("/api/v1/events/{id}/queue/stream?ticket={t}", newEvent(1, 1), ticket).accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isForbidden()
            .expectBody();
    }

    @Test
    void missingTicketIsUnauthorized() {
        http.get().uri("/api/v1/events/{id}/queue/stream", newEvent(1, 1)).accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isUnauthorized()
            .expectBody();
    }

    /** An admission tick one virtual second later, started from the test without blocking the stream's thread. */
    private void admitLater(long event) {
        Mono.fromRunnable(() -> clock.advance(Duration.ofSeconds(1))).then(ticker.tick(event)).subscribe();
    }
}
