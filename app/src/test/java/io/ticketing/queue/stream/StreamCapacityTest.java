package io.ticketing.queue.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;
import io.ticketing.queue.QueueTestSupport;

/**
 * An instance that serves all the position streams it can refuses one more with 503 and
 * Retry-After, at once, while the streams it has keep their news and its admin API answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamCapacityTest extends QueueTestSupport {

    private static final int CAPACITY = 2;
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    Environment environment;

    ConfigurableApplicationContext small;
    WebTestClient smallHttp;
    final List<Disposable> streams = new ArrayList<>();

    @BeforeAll
    void startAnInstanceForTwoStreams() {
        small = SecondInstance.start(environment, Map.of("ticketing.queue.max-streams-per-instance", Integer.toString(CAPACITY)));
        awaitListening(small);
        smallHttp = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(small)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(Disposable::dispose);
        streams.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> small.getBean(StreamSlots.class).serving() == 0);
    }

    @AfterAll
    void stopIt() {
        small.close();
    }

    @Test
    void oneStreamPastTheInstancesCapacityIsRefusedWith503AndRetryAfter() {
        long event = newEvent(10, 10);
        fill(event);

        refused(streamUrl(event, buyer()));
    }

    @Test
    void theStreamsItServesKeepTheirNewsWhileItRefusesMore() {
        long event = newEvent(10, 10);
        List<Queue<String>> served = fill(event);
        refused(streamUrl(event, buyer()));

        tickAfter(event, Duration.ofSeconds(1));

        served.forEach(events -> await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("admitted")));
    }

    @Test
    void itsAdminApiAnswersWhileItRefusesStreams() {
        long event = newEvent(10, 10);
        fill(event);
        refused(streamUrl(event, buyer()));

        smallHttp.get().uri("/api/v1/admin/events/{id}/queue", event).header("Authorization", bearer(adminToken()))
            .exchange()
            .expectStatus().isOk()
            // The streams' buyers and the refused one: all three entered the line.
            .expectBody().jsonPath("$.waiting").isEqualTo(CAPACITY + 1);
    }

    @Test
    void aStreamThatEndsGivesItsRoomBack() {
        long event = newEvent(10, 10);
        fill(event);
        String next = streamUrl(event, buyer());
        refused(next);

        streams.get(0).dispose();

        await().atMost(Duration.ofSeconds(10)).until(() -> small.getBean(StreamSlots.class).serving() < CAPACITY);
        Queue<String> events = open(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("position"));
    }

    /** Opens as many streams as the instance serves, each in line for the event; answers the events each receives. */
    private List<Queue<String>> fill(long event) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            urls.add(streamUrl(event, buyer()));
        }
        tickAfter(event, Duration.ZERO);
        List<Queue<String>> served = urls.stream().map(this::open).toList();
        served.forEach(events -> await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("position")));
        return served;
    }

    private String streamUrl(long event, Buyer buyer) {
        return (String) enter(event, buyer).get("streamUrl");
    }

    private Queue<String> open(String url) {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        streams.add(smallHttp.get().uri(url).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() != null)
            .subscribe(e -> events.add(e.event())));
        return events;
    }

    private void refused(String url) {
        smallHttp.get().uri(url).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isEqualTo(503)
            .expectHeader().valueEquals("Retry-After", "5")
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:overloaded");
    }
}
