package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * Two more instances of the service, both running real admission tickers against the same Redis:
 * together they must admit exactly up to the cap, never anyone twice, and the line must keep
 * moving when one of them dies.
 */
class TwoInstanceAdmissionTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    @Test
    void twoInstancesAdmitExactlyUpToTheCapAndSurviveOneDying() throws Exception {
        long event = newEvent(Instant.now().minus(Duration.ofDays(1)), 10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1000, "maxActive", 60));
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            buyers.add(buyer());
        }

        ConfigurableApplicationContext first = startInstance();
        ConfigurableApplicationContext second = startInstance();
        try {
            List<WebTestClient> instances = List.of(client(first), client(second));
            for (int i = 0; i < buyers.size(); i++) {
                instances.get(i % 2).post().uri("/api/v1/events/{id}/queue", event)
                    .header("Authorization", bearer(buyers.get(i).token()))
                    .exchange().expectStatus().isOk()
                    .expectBody();
            }
            QueueKeys keys = new QueueKeys(event);

            await(() -> admittedCount(keys) == 60);
            Thread.sleep(500);
            assertThat(admittedCount(keys)).isEqualTo(60);
            assertThat(redis.opsForZSet().size(keys.line()).block()).isEqualTo(90);
            Set<String> admitted = Set.copyOf(redis.opsForZSet().range(keys.admitted(), org.springframework.data.domain.Range.unbounded()).collectList().block());
            Set<String> waiting = Set.copyOf(redis.opsForZSet().range(keys.line(), org.springframework.data.domain.Range.unbounded()).collectList().block());
            assertThat(admitted).doesNotContainAnyElementsOf(waiting);
            assertThat(stats(event).get("admitted")).isEqualTo(60);
            // First come, first served across both instances: the first 60 to enter got in.
            assertThat(admitted).containsExactlyInAnyOrderElementsOf(buyers.subList(0, 60).stream().map(b -> Long.toString(b.id())).toList());

            first.close();
            configure(event, Map.of("maxActive", 100));
            await(() -> admittedCount(keys) == 100);
            Thread.sleep(500);
            assertThat(admittedCount(keys)).isEqualTo(100);
            assertThat(stats(event).get("admitted")).isEqualTo(100);
        }
        finally {
            first.close();
            second.close();
        }
    }

    private long admittedCount(QueueKeys keys) {
        return redis.opsForZSet().size(keys.admitted()).block();
    }

    private ConfigurableApplicationContext startInstance() {
        return SecondInstance.start(environment, Map.of("ticketing.queue.tick-interval", "25ms"));
    }

    private static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port")).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 15 s").isLessThan(deadline);
            Thread.sleep(25);
        }
    }
}
