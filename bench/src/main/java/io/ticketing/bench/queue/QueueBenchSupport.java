package io.ticketing.bench.queue;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Bench;

/** Setup shared by the waiting-room benchmarks (and the door's, bench/run pow). */
public final class QueueBenchSupport {

    private QueueBenchSupport() {
    }

    /** An event on sale now with {@code seats} seats (a multiple of 100). */
    public static long saleEvent(WebClient client, String adminToken, String name, int seats) {
        return Bench.saleEvent(client, adminToken, name, seats / 100, 100);
    }

    public static Mono<Integer> enter(WebClient client, String token, long eventId) {
        return client.post().uri("/api/v1/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(token))
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    /** An entry with a JSON body: the door's solution, {challenge, counter}. */
    public static Mono<Integer> enter(WebClient client, String token, long eventId, Object body) {
        return client.post().uri("/api/v1/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    /** Access tokens of {@code count} synthetic users, ids from {@code firstUserId} up. */
    public static String[] tokens(long firstUserId, int count) {
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = Bench.accessToken(firstUserId + i, "USER");
        }
        return tokens;
    }
}
