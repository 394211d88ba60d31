package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;

/**
 * The console counts the instances serving the deployment, from their heartbeats in the shared Redis.
 * By name, not by total: other test contexts of the suite beat into the same Redis, and come and go.
 */
class ConsoleInstancesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health(long eventId) {
        Map<?, ?> stats = http.get().uri("/api/v1/admin/events/{id}/stats", eventId).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, Object>) stats.get("health");
    }

    @SuppressWarnings("unchecked")
    private List<String> serving(long eventId) {
        return ((List<Map<String, Object>>) health(eventId).get("perInstance")).stream().map(i -> (String) i.get("id")).toList();
    }

    @Test
    void anotherInstanceCountsWhileItServesAndNotOnceItStopped() {
        long event = newEvent(1, 5);
        second = SecondInstance.start(environment, Map.of());
        String id = second.getBean(InstanceRollCall.class).id();

        await().atMost(WAIT).until(() -> serving(event).contains(id));
        Map<String, Object> health = health(event);
        assertThat(health.get("instances")).isEqualTo(((List<?>) health.get("perInstance")).size());

        second.close();
        await().atMost(WAIT).until(() -> !serving(event).contains(id));
    }

    @Test
    void theConsoleStreamEndsWithReconnectWhenItsInstanceShutsDown() throws Exception {
        long event = newEvent(1, 5);
        second = SecondInstance.start(environment, Map.of());
        WebClient client = WebClient.create(SecondInstance.baseUrl(second));
        ConcurrentLinkedQueue<ServerSentEvent<Map<String, Object>>> received = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> ended = client.get().uri("/api/v1/admin/events/{id}/console/stream", event)
            .header("Authorization", bearer(token(ADMIN_EMAIL, ADMIN_PASSWORD))).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
            .filter(sse -> sse.event() != null)
            .doOnNext(received::add)
            .then().toFuture();
        await().atMost(WAIT).until(() -> !received.isEmpty());

        second.close();

        ended.get(15, TimeUnit.SECONDS);
        assertThat(received).extracting(ServerSentEvent::event).first().isEqualTo("stats");
        assertThat(received).extracting(ServerSentEvent::event).last().isEqualTo("reconnect");
    }
}
