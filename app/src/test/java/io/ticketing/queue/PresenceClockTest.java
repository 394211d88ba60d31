package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * A waiter streaming through an instance is marked present on Redis's clock, the one admit.lua
 * judges silence by: the instance's own clock, 30 s behind or ahead, changes nobody's admission.
 */
class PresenceClockTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Disposable> held = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeHeldStreams() {
        held.forEach(Disposable::dispose);
    }

    @Test
    void aWaiterStreamingThroughAnInstanceWhoseClockIsBehindIsAdmitted() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String streamUrl = (String) enter(event, buyer).get("streamUrl");
        clock.advance(Duration.ofSeconds(-30));

        streamUntilMarkedPresent(streamUrl);
        tickAfter(event, Duration.ZERO);

        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(buyer.id()));
    }

    @Test
    void aWaiterSilentForTheGracePeriodAfterStreamingThroughAnInstanceWhoseClockIsAheadIsSkipped() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String streamUrl = (String) enter(event, buyer).get("streamUrl");
        clock.advance(Duration.ofSeconds(30));
        streamUntilMarkedPresent(streamUrl).dispose();

        tickAfter(event, Duration.ofSeconds(31));

        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        assertThat(stats(event).get("skipped")).isEqualTo(1);
    }

    /**
     * Opens the stream and waits for its first pushed position: the line's read that pushes it marks
     * the instance's streams present first (PositionFeed).
     */
    private Disposable streamUntilMarkedPresent(String streamUrl) {
        List<String> events = new CopyOnWriteArrayList<>();
        Disposable stream = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .subscribe(e -> events.add(String.valueOf(e.event())));
        held.add(stream);
        await().atMost(WAIT).until(() -> events.contains("position"));
        return stream;
    }
}
