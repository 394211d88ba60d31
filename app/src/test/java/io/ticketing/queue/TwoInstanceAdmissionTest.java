package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * Two more instances of the service, both running real admission tickers against the same Redis
 * (the suite's own context never ticks by itself): together they admit exactly up to the cap, in
 * arrival order, never anyone twice, and the line keeps moving when one of them dies.
 */
class TwoInstanceAdmissionTest extends QueueTestSupport {

    private static final int BUYERS = 40;
    private static final int CAP = 16;
    private static final Duration ADMITTING = Duration.ofSeconds(15);
    /** Ten ticks of each instance: long enough for a wrong extra admission to show. */
    private static final Duration STEADY = Duration.ofMillis(500);

    @Autowired
    Environment environment;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoInstancesTogetherAdmitExactlyUpToTheCap() {
        QueueKeys keys = new QueueKeys(redisKeys, lineThroughTwoInstances());

        await().atMost(ADMITTING).until(() -> admitted(keys).size(), equalTo(CAP));
        await().during(STEADY).atMost(STEADY.multipliedBy(3)).until(() -> admitted(keys).size(), equalTo(CAP));
        assertThat(waiting(keys)).hasSize(BUYERS - CAP).doesNotContainAnyElementsOf(admitted(keys));
    }

    @Test
    void admissionAcrossInstancesIsFirstComeFirstServed() {
        List<Buyer> buyers = new ArrayList<>();
        QueueKeys keys = new QueueKeys(redisKeys, lineThroughTwoInstances(buyers));

        await().atMost(ADMITTING).until(() -> admitted(keys).size(), equalTo(CAP));
        assertThat(admitted(keys)).containsExactlyInAnyOrderElementsOf(buyers.subList(0, CAP).stream().map(b -> Long.toString(b.id())).toList());
    }

    @Test
    void lineKeepsMovingWhenOneInstanceDies() {
        long event = lineThroughTwoInstances();
        QueueKeys keys = new QueueKeys(redisKeys, event);
        await().atMost(ADMITTING).until(() -> admitted(keys).size(), equalTo(CAP));

        instances.get(0).close();
        configure(event, Map.of("maxActive", 2 * CAP));

        await().atMost(ADMITTING).until(() -> admitted(keys).size(), equalTo(2 * CAP));
        await().during(STEADY).atMost(STEADY.multipliedBy(3)).until(() -> ((Number) stats(event).get("admitted")).intValue(), equalTo(2 * CAP));
    }

    private long lineThroughTwoInstances() {
        return lineThroughTwoInstances(new ArrayList<>());
    }

    /** An event whose line {@code buyers} entered in order, alternating between two new instances. */
    private long lineThroughTwoInstances(List<Buyer> buyers) {
        // Earlier tests' waiting rooms stay listed in the shared Redis; these instances tick this test's alone.
        redis.delete(QueueKeys.activeEvents(redisKeys)).block();
        long event = newEvent(Instant.now().minus(Duration.ofDays(1)), 10, 10);
        // Paused until everyone is in line, so that the order of entry alone decides who is admitted first.
        configure(event, Map.of("admissionRatePerSecond", 1000, "maxActive", CAP, "paused", true));
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(buyer());
        }
        List<WebTestClient> clients = List.of(client(startInstance()), client(startInstance()));
        for (int i = 0; i < buyers.size(); i++) {
            clients.get(i % 2).post().uri("/api/v1/events/{id}/queue", event)
                .header("Authorization", bearer(buyers.get(i).token()))
                .exchange().expectStatus().isOk()
                .expectBody();
        }
        configure(event, Map.of("paused", false));
        return event;
    }

    private Set<String> admitted(QueueKeys keys) {
        return Set.copyOf(redis.opsForZSet().range(keys.admitted(), Range.unbounded()).collectList().block());
    }

    private Set<String> waiting(QueueKeys keys) {
        return Set.copyOf(redis.opsForZSet().range(keys.line(), Range.unbounded()).collectList().block());
    }

    private ConfigurableApplicationContext startInstance() {
        ConfigurableApplicationContext instance = SecondInstance.start(environment, Map.of("ticketing.queue.tick-interval", "50ms"));
        instances.add(instance);
        return instance;
    }

    private static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(instance)).build();
    }
}
