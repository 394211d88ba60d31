package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;
import io.ticketing.queue.QueueTestSupport;
import io.ticketing.testsupport.CuttableProxy;

/**
 * A stream opening whose Redis answer comes too late: stream-open.lua ran, and may have taken a
 * slot, but the instance timed out. A second instance talks to Redis through a proxy that holds
 * replies back; the suite's own instance checks the user's slots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamOpenTimeoutTest extends QueueTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Environment environment;

    CuttableProxy proxy;
    ConfigurableApplicationContext instance;
    WebTestClient client;

    /** Streams a test keeps open, closed after it. */
    private final List<Disposable> held = new ArrayList<>();

    @BeforeAll
    void startInstanceBehindProxy() throws Exception {
        proxy = new CuttableProxy(environment.getProperty("spring.data.redis.host"), environment.getProperty("spring.data.redis.port", Integer.class));
        instance = SecondInstance.start(environment, Map.of(
            "spring.data.redis.host", "127.0.0.1",
            "spring.data.redis.port", Integer.toString(proxy.port()),
            "spring.data.redis.timeout", "300ms",
            "logging.level.root", "ERROR"));
        client = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(instance)).responseTimeout(WAIT).build();
    }

    @AfterAll
    void stop() {
        instance.close();
        proxy.close();
    }

    @AfterEach
    void closeHeldStreams() {
        proxy.releaseReplies();
        held.forEach(Disposable::dispose);
    }

    @Test
    void aStreamWhoseOpeningTimedOutIsAnsweredByTheRouteNotOpenedAgain() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");
        MockServerHttpResponse response = new MockServerHttpResponse();
        AtomicBoolean handedOn = new AtomicBoolean();
        proxy.holdReplies();

        instance.getBean(StreamRoute.class).handle(MockServerHttpRequest.get(streamUrl).build(), response,
                (request, chain) -> Mono.fromRunnable(() -> handedOn.set(true)))
            .as(StepVerifier::create)
            .expectComplete()
            .verify(WAIT);

        assertThat(handedOn).isFalse();
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStreamWhoseOpeningTimedOutLeavesNoSlotTaken() {
        String streamUrl = (String) enter(newEvent(10, 10), buyer()).get("streamUrl");
        proxy.holdReplies();
        client.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isEqualTo(503)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
        proxy.releaseReplies();

        for (int stream = 0; stream < 3; stream++) {
            await().atMost(WAIT).until(() -> openAndHold(streamUrl));
        }
    }

    /** Opens a stream on the suite's instance and keeps it open until the test ends; false when refused. */
    private boolean openAndHold(String streamUrl) {
        FluxExchangeResult<String> result = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange().returnResult(String.class);
        if (result.getStatus().value() != 200) {
            result.getResponseBody().blockLast(WAIT);
            return false;
        }
        held.add(result.getResponseBody().subscribe());
        return true;
    }
}
