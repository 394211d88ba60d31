package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import io.ticketing.queue.QueueKeys;
import io.ticketing.queue.QueueTestSupport;


class QueueStreamTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** ticketing.queue.stream-ticket-ttl, by default. */
    private static final Duration TICKET_LIFETIME = Duration.ofMinutes(5);
    /** ticketing.queue.sold-out-linger, by default. */
    private static final Duration SOLD_OUT_LINGER = Duration.ofMinutes(10);

    @org.springframework.beans.factory.annotation.Autowired
    DatabaseClient db;

    @org.springframework.beans.factory.annotation.Autowired
    StreamRoute route;

    /** Streams a test keeps open, closed after it. */
    private final List<Disposable> held = new ArrayList<>();

    @AfterEach
    void closeHeldStreams() {
        held.forEach(Disposable::dispose);
    }

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
    void aMessageToWaitersReachesOpenStreams() {
        long event = newEvent(10, 10);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.data().get("message")).isNull())
            .then(() -> configure(event, Map.of("message", "Extra seats released at noon")))
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("position");
                assertThat(e.data()).containsEntry("message", "Extra seats released at noon").containsEntry("position", 1);
            })
            .thenCancel()
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
                sellSeats(event, "TRUE").then(redis.delete(redisKeys.key("{event:" + event + "}:detail"))).subscribe();
            })
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("sold-out");
                assertThat(e.data()).containsEntry("waitingList", true);
            })
            // Open on: it carries offers to those who stay on the waiting list (OfferStreamTest).
            .thenCancel()
            .verify(WAIT);
    }

    @Test
    void aStreamThatSaidSoldOutEndsWithSoldOutOnceItHasLingered() {
        long event = newEvent(1, 1);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        List<Map<String, Object>> soldOut = new ArrayList<>();

        open(streamUrl)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            .then(() -> sellSeats(event, "TRUE").then(redis.delete(redisKeys.key("{event:" + event + "}:detail"))).subscribe())
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("sold-out");
                soldOut.add(e.data());
            })
            // Still open a minute before the linger ends (the clock runs on in real time meanwhile): the
            // heartbeat past the ticket's half-life renews it.
            .then(() -> clock.advance(SOLD_OUT_LINGER.minusMinutes(1)))
            .assertNext(e -> assertThat(e.event()).isEqualTo("ticket"))
            .then(() -> clock.advance(Duration.ofMinutes(1)))
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("sold-out");
                assertThat(e.data()).isEqualTo(soldOut.get(0)).containsEntry("waitingList", true);
            })
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
    void anOpenStreamMarksItsSlotAliveAtEveryHeartbeat() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        openAndHold((String) enter(event, buyer).get("streamUrl"));
        String slots = new QueueKeys(redisKeys, event).streams(buyer.id());
        double opened = lastSignOfLife(slots);

        await().atMost(WAIT).until(() -> lastSignOfLife(slots) > opened);
    }

    @Test
    void theStreamIsNeitherCachedNorSniffed() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");

        FluxExchangeResult<String> result = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange().returnResult(String.class);
        held.add(result.getResponseBody().subscribe());

        assertThat(result.getResponseHeaders().getCacheControl()).contains("no-store");
        assertThat(result.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aStreamIsServedBeneathTheWebFilterChain() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");
        MockServerHttpResponse response = new MockServerHttpResponse();
        AtomicBoolean handedOn = new AtomicBoolean();

        held.add(route.handle(MockServerHttpRequest.get(streamUrl).build(), response, (request, refused) -> {
            handedOn.set(true);
            return refused.setComplete();
        }).subscribe());

        await().atMost(WAIT).until(response::isCommitted);
        assertThat(handedOn).isFalse();
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue();
    }

    @Test
    void aStreamThatCannotOpenIsAnsweredByTheRouteAsItsProblem() {
        long event = newEvent(1, 1);
        MockServerHttpResponse response = new MockServerHttpResponse();
        AtomicBoolean handedOn = new AtomicBoolean();

        route.handle(MockServerHttpRequest.get("/api/v1/events/{id}/queue/stream?ticket=forged", event).build(), response,
                (request, chain) -> Mono.fromRunnable(() -> handedOn.set(true)))
            .as(StepVerifier::create)
            .verifyComplete();

        assertThat(handedOn).isFalse();
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStreamWhosePlaceRedisCannotReadAsksToReconnectRatherThanFail() {
        long event = newEvent(1, 1);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        // A line Redis cannot read (a key of the wrong type): the stream's first look at its place fails.
        String line = redisKeys.key("{event:" + event + "}:line");
        redis.delete(line).then(redis.opsForValue().set(line, "not a line")).block();

        open(streamUrl).take(1)
            .as(StepVerifier::create)
            .assertNext(first -> assertThat(first.event()).isEqualTo("reconnect"))
            .verifyComplete();
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
    void aStreamTicketPastItsLifetimeIsRefused() {
        long event = newEvent(1, 1);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        clock.advance(TICKET_LIFETIME.plusSeconds(1));

        http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:stream-ticket")
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("has expired", "/queue/me"));
    }

    @Test
    void aStatusAnswerRenewsTheStreamTicket() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String entered = (String) enter(event, buyer).get("streamUrl");
        clock.advance(TICKET_LIFETIME.dividedBy(2));
        String renewed = (String) status(event, buyer).get("streamUrl");
        clock.advance(TICKET_LIFETIME.dividedBy(2).plusSeconds(1));

        assertThat(openAndHold(entered).status()).isEqualTo(403);
        assertThat(openAndHold(renewed).status()).isEqualTo(200);
    }

    @Test
    void anOpenStreamSendsAFreshTicketOnceItsOwnIsPastHalfItsLife() {
        long event = newEvent(10, 10);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        held.add(open(streamUrl).subscribe(events::add));
        await().atMost(WAIT).until(() -> !events.isEmpty());

        clock.advance(TICKET_LIFETIME.dividedBy(2).plusSeconds(1));
        ServerSentEvent<Map<String, Object>> renewal = await().atMost(WAIT)
            .until(() -> events.stream().filter(e -> "ticket".equals(e.event())).findFirst(), Optional::isPresent).get();
        clock.advance(TICKET_LIFETIME.dividedBy(2));

        assertThat(openAndHold(streamUrl).status()).isEqualTo(403);
        assertThat(openAndHold((String) renewal.data().get("streamUrl")).status()).isEqualTo(200);
    }

    @Test
    void missingTicketIsUnauthorized() {
        http.get().uri("/api/v1/events/{id}/queue/stream", newEvent(1, 1)).accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus().isUnauthorized()
            .expectBody();
    }

    @Test
    void aFourthStreamOfOneUserForOneEventIsRefusedWhileThreeAreOpen() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");
        for (int i = 0; i < 3; i++) {
            assertThat(openAndHold(streamUrl).status()).isEqualTo(200);
        }

        Attempt fourth = openAndHold(streamUrl);

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.body()).contains("\"type\":\"urn:ticketing:problem:too-many-streams\"");
        assertThat(Long.parseLong(fourth.retryAfter())).isPositive();
    }

    @Test
    void closingAStreamFreesItsSlot() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");
        for (int i = 0; i < 3; i++) {
            openAndHold(streamUrl);
        }

        held.get(0).dispose();

        await().atMost(WAIT).until(() -> openAndHold(streamUrl).status() == 200);
    }

    @Test
    void theStreamCapCountsEachEventApart() {
        Buyer buyer = buyer();
        String first = (String) enter(newEvent(10, 10), buyer).get("streamUrl");
        String second = (String) enter(newEvent(10, 10), buyer).get("streamUrl");
        for (int i = 0; i < 3; i++) {
            openAndHold(first);
        }

        assertThat(openAndHold(second).status()).isEqualTo(200);
    }

    private record Attempt(int status, String body, String retryAfter) {
    }

    /** Opens a stream and keeps it open until the test ends; a refusal's body is read whole. */
    private Attempt openAndHold(String streamUrl) {
        FluxExchangeResult<String> result = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange().returnResult(String.class);
        int status = result.getStatus().value();
        if (status == 200) {
            held.add(result.getResponseBody().subscribe());
            return new Attempt(status, "", null);
        }
        String body = String.join("", result.getResponseBody().collectList().block(WAIT));
        return new Attempt(status, body, result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    }

    /** An admission tick one virtual second later, started from the test without blocking the stream's thread. */
    private void admitLater(long event) {
        tick(event, Duration.ofSeconds(1)).subscribe();
    }
}
