package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.ticketing.queue.QueueTestSupport;

/** Open streams when Redis forgets their waiters (issue #26): they put them back by themselves, and go on. */
class RedisForgetsStreamTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * How long a waiter forgotten while their ticket still looks held may wait for present.lua to
     * report them: a third of ticketing.queue.abandon-after (30 s by default), on the machine's clock.
     */
    private static final Duration PRESENCE_MARKS = Duration.ofSeconds(25);

    private final List<Disposable> held = new ArrayList<>();

    @AfterEach
    void closeHeldStreams() {
        held.forEach(Disposable::dispose);
    }

    @Test
    void aStreamWhoseWaiterRedisForgotKeepsTheirPlaceAndNeverSaysLeft() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1));
        Buyer first = buyer();
        String firstTicket = streamTicket(enter(event, first));
        Buyer watching = buyer();
        List<ServerSentEvent<Map<String, Object>>> events = heldOpen((String) enter(event, watching).get("streamUrl"));
        long original = lineTicket(event, watching);
        await().atMost(WAIT).until(() -> lastPosition(events), position -> Objects.equals(position, 2));

        forgetEverything();
        await().atMost(WAIT).until(() -> lineTicket(event, watching), ticket -> Objects.equals(ticket, original));
        me(event, first, firstTicket).expectStatus().isOk().expectBody();
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(first.id()));

        await().atMost(WAIT).until(() -> lastPosition(events), position -> Objects.equals(position, 1));
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("position");
    }

    @Test
    void aStreamWhoseWaiterAloneRedisForgotPutsThemBackAtTheirTicket() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        Buyer watching = buyer();
        List<ServerSentEvent<Map<String, Object>>> events = heldOpen((String) enter(event, watching).get("streamUrl"));
        long original = lineTicket(event, watching);
        await().atMost(WAIT).until(() -> lastPosition(events), position -> Objects.equals(position, 2));

        // Lost alone, behind a waiter Redis kept: the line's read still shows the ticket as held.
        forgetFromLine(event, watching);

        await().atMost(PRESENCE_MARKS).until(() -> lineTicket(event, watching), ticket -> Objects.equals(ticket, original));
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("position");
    }

    private List<ServerSentEvent<Map<String, Object>>> heldOpen(String streamUrl) {
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        held.add(open(streamUrl).subscribe(events::add));
        return events;
    }

    private Flux<ServerSentEvent<Map<String, Object>>> open(String streamUrl) {
        return http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(event -> event.event() != null);
    }

    /** The place the stream's newest position names; null before any. */
    private static Object lastPosition(List<ServerSentEvent<Map<String, Object>>> events) {
        return events.stream().filter(e -> "position".equals(e.event())).reduce((a, b) -> b).map(e -> e.data().get("position")).orElse(null);
    }
}
