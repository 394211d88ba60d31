package io.ticketing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;
import io.ticketing.queue.AdmissionPasses;

/**
 * SIGTERM in the middle of a sale, on a second instance: readiness goes down first, waiting
 * streams are told to reconnect elsewhere and end, and holds in flight either complete or are
 * refused, never half-written.
 */
class GracefulShutdownTest extends IntegrationTest {

    private static final int HOLDS = 40;

    @Autowired
    Environment environment;

    @Autowired
    AdmissionPasses passes;

    @Autowired
    DatabaseClient db;

    @Test
    void shutdownMovesStreamsAwayAndLeavesNoHalfWrittenHold() throws Exception {
        long event = newEvent(4, 25);
        AtomicLong refusingTrafficAt = new AtomicLong();
        ConfigurableApplicationContext instance = startInstance(refusingTrafficAt);
        WebClient client = WebClient.create(SecondInstance.baseUrl(instance));

        String waiter = newUserToken();
        Map<?, ?> entered = client.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(waiter))
            .retrieve().bodyToMono(Map.class).block(Duration.ofSeconds(10));
        ConcurrentLinkedQueue<ServerSentEvent<Map<String, Object>>> received = new ConcurrentLinkedQueue<>();
        AtomicLong reconnectAt = new AtomicLong();
        CompletableFuture<Void> streamEnded = client.get().uri(entered.get("streamUrl").toString())
            .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
            .doOnNext(sse -> {
                if ("reconnect".equals(sse.event())) {
                    reconnectAt.compareAndSet(0, System.nanoTime());
                }
                received.add(sse);
            })
            .then().toFuture();
        awaitFirstPosition(received);

        List<Mono<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < HOLDS; i++) {
            requests.add(hold(client, newUserToken(), event));
        }
        CompletableFuture<List<Integer>> holds = Flux.merge(requests).collectList().toFuture();
        instance.close();

        streamEnded.get(15, TimeUnit.SECONDS);
        assertThat(received).extracting(ServerSentEvent::event).last().isEqualTo("reconnect");
        assertThat(refusingTrafficAt.get()).as("readiness went down").isPositive();
        assertThat(refusingTrafficAt.get()).as("readiness went down before streams were moved").isLessThan(reconnectAt.get());

        List<Integer> statuses = holds.get(30, TimeUnit.SECONDS);
        assertThat(statuses).as("each hold was answered, refused, or cut off with the connection").allMatch(s -> s == 201 || s == 503 || s == 0);
        long reservations = count("SELECT COUNT(*) FROM reservation WHERE event_id = :e", event);
        assertThat(reservations).as("a confirmed answer means a stored hold").isGreaterThanOrEqualTo(statuses.stream().filter(s -> s == 201).count());
        // The test's own context sweeps holds on its test clock, so some may already be EXPIRED:
        // either way each reservation lists its two seats and owns them exactly while HELD.
        assertThat(count("""
                SELECT COUNT(*) FROM reservation r WHERE r.event_id = :e
                AND (SELECT COUNT(*) FROM reservation_seat rs WHERE rs.reservation_id = r.id) <> 2""", event))
            .as("no reservation without its seats").isZero();
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :e AND status = 'HELD'", event))
            .as("held seats are exactly those of held reservations")
            .isEqualTo(2 * count("SELECT COUNT(*) FROM reservation WHERE event_id = :e AND status = 'HELD'", event));
        assertThat(count("""
                SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
                WHERE s.event_id = :e AND r.status <> 'HELD'""", event))
            .as("no seat owned by a reservation that is not held").isZero();
    }

    private Mono<Integer> hold(WebClient client, String token, long event) {
        String pass = passes.issuePass(userId(token), event, clock.instant().plus(Duration.ofMinutes(5)));
        String key = UUID.randomUUID().toString();
        return Mono.defer(() -> client.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(token))
                .header("Admission-Pass", pass).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
            // The connection closed under the request: the client cannot know, the database must still be whole.
            .onErrorReturn(0);
    }

    private ConfigurableApplicationContext startInstance(AtomicLong refusingTrafficAt) {
        return SecondInstance.start(environment, Map.of("ticketing.queue.push-interval", "100ms"), application -> application.addListeners(event -> {
            if (event instanceof AvailabilityChangeEvent<?> change && change.getState() == ReadinessState.REFUSING_TRAFFIC) {
                refusingTrafficAt.compareAndSet(0, System.nanoTime());
            }
        }));
    }

    private static void awaitFirstPosition(ConcurrentLinkedQueue<ServerSentEvent<Map<String, Object>>> received) {
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(sse -> "position".equals(sse.event())));
    }

    private long count(String sql, long event) {
        return db.sql(sql).bind("e", event).map(row -> row.get(0, Long.class)).one().block();
    }
}
