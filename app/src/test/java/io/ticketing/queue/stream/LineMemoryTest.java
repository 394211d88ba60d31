package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.ticketing.queue.QueueTestSupport;

/** What an instance keeps in memory of an event's line: only while someone watches it. */
class LineMemoryTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };
    /** The shared read of a line outlives its last stream by a five-second grace period. */
    private static final Duration GRACE_AND_MORE = Duration.ofSeconds(15);

    @Autowired
    PositionFeed lines;

    @Test
    void aLineNobodyWatchesAnyMoreIsForgotten() {
        long event = newEvent(10, 10);
        String streamUrl = (String) enter(event, buyer()).get("streamUrl");

        http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() != null)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            .then(() -> assertThat(lines.watches(event)).isTrue())
            .thenCancel()
            .verify(Duration.ofSeconds(10));

        await().atMost(GRACE_AND_MORE).until(() -> !lines.watches(event));
    }
}
