package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

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
}
