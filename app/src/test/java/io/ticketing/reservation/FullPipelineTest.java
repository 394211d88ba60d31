package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.IntegrationTest;
import io.ticketing.queue.AdmissionPasses;

/** With room for one waiting hold, a burst must be turned away at once with 503 and Retry-After, not left to time out. */
// One account sends the whole burst: the per-user rate limit and the buyer's share would answer before the pipeline does.
@TestPropertySource(properties = {"ticketing.reservations.queue-capacity=1", "ticketing.reservations.batch-size=1",
    "ticketing.rate-limits.enabled=false", "ticketing.reservations.max-seats-per-buyer=1000"})
class FullPipelineTest extends IntegrationTest {

    @Autowired
    AdmissionPasses passes;

    @Value("${local.server.port}")
    int port;

    @Test
    void fullPipelineAnswers503WithRetryAfterAtOnce() {
        long event = newEvent(10, 10);
        String token = newUserToken();
        long user = userId(token);
        String pass = passes.issuePass(user, event, Instant.now().plus(Duration.ofHours(1)));
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<Integer, String> retryAfter = new ConcurrentHashMap<>();

        Flux.range(0, 100)
            .flatMap(i -> client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", "burst-" + i);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
                .exchangeToMono(response -> {
                    statuses.merge(response.statusCode().value(), 1, Integer::sum);
                    if (response.statusCode().value() == 503) {
                        retryAfter.put(i, String.valueOf(response.headers().asHttpHeaders().getFirst("Retry-After")));
                    }
                    return response.releaseBody();
                }), 100)
            .blockLast(Duration.ofSeconds(30));

        assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(201, 503);
        assertThat(statuses.get(503)).isPositive();
        assertThat(retryAfter.values()).allMatch(value -> value.equals("1"));
    }
}
