package io.ticketing.bench.queue;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Bench;

/** Setup shared by the waiting-room benchmarks. */
final class QueueBenchSupport {

    private QueueBenchSupport() {
    }

    /** An event on sale now with {@code seats} seats (a multiple of 100). */
    static long saleEvent(WebClient client, String adminToken, String name, int seats) {
        return Bench.saleEvent(client, adminToken, name, seats / 100, 100);
    }

    static Mono<Integer> enter(WebClient client, String token, long eventId) {
        return client.post().uri("/api/v1/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(token))
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }
}
