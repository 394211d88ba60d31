package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * An admission reaches the waiter's stream as soon as a tick makes it, even when the stream is on
 * another instance than the tick and that instance would push positions only once an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionPushTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    Environment environment;

    ConfigurableApplicationContext streaming;

    @BeforeAll
    void startAnInstanceThatPushesPositionsHourly() {
        streaming = SecondInstance.start(environment, Map.of("ticketing.queue.push-interval", "1h"));
        awaitListening(streaming);
    }

    @AfterAll
    void stopIt() {
        streaming.close();
    }

    @Test
    void anAdmissionByAnotherInstancesTickReachesTheStreamAtOnce() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String streamUrl = (String) enter(event, buyer).get("streamUrl");
        tickAfter(event, Duration.ZERO);

        WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(streaming)).responseTimeout(Duration.ofMinutes(1)).build()
            .get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() != null)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.event()).isEqualTo("position"))
            // Started, not waited for: this runs on whichever thread delivered the position.
            .then(() -> tick(event, Duration.ofSeconds(1)).subscribe())
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("admitted");
                assertThat((String) e.data().get("pass")).isNotBlank();
            })
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }
}
