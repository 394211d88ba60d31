package io.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Bench;

/** Setup shared by the waiting-room benchmarks. */
final class QueueBenchSupport {

    private QueueBenchSupport() {
    }

    /** An event on sale now with {@code seats} seats, created through the API; answers its id. */
    static long saleEvent(WebClient client, String adminToken, String name, int seats) {
        Instant startsAt = Instant.now().plus(Duration.ofDays(60));
        Map<?, ?> event = client.post().uri("/api/v1/events").headers(h -> h.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "venue", "Bench Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                "salesCloseAt", startsAt.minus(Duration.ofHours(1)).toString(),
                "sections", List.of(Map.of("name", "Floor", "rows", seats / 100, "seatsPerRow", 100))))
            .retrieve().bodyToMono(Map.class).block();
        return ((Number) event.get("id")).longValue();
    }

    static void configure(WebClient client, String adminToken, long eventId, Map<String, Object> settings) {
        client.put().uri("/api/v1/admin/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
            .retrieve().toBodilessEntity().block();
    }

    static Mono<Integer> enter(WebClient client, String token, long eventId) {
        return client.post().uri("/api/v1/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(token))
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}
