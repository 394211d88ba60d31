package io.ticketing.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Buyers as a browser behind a load balancer behaves: a refused connection or a 503 is retried
 * after a pause on the next instance; a stream that ends with {@code reconnect} (or breaks) is
 * picked up again from the buyer's place, which lives in Redis. Holds and confirmations are
 * retried with the same Idempotency-Key, so a retry can never buy twice.
 */
final class Buyers {

    enum End { BOUGHT, SOLD_OUT, LOST_WAITING, FAILED }

    record Outcome(End end, Long reservationId) {
    }

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() { };
    private static final Set<String> TERMINAL = Set.of("admitted", "sold-out", "closed", "left", "reconnect");

    private final List<WebClient> instances;
    private final Duration patience;
    private final AtomicInteger next = new AtomicInteger();
    /** Failed attempts by kind ("503 POST /queue", "refused GET /seats", …): what the retries absorbed. */
    final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();

    Buyers(List<WebClient> instances, Duration patience) {
        this.instances = instances;
        this.patience = patience;
    }

    Mono<Outcome> journey(long event, String token, String key) {
        return call("POST /queue", client -> client.post().uri("/api/v1/events/{id}/queue", event).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToMono(Map.class))
            .flatMap(snapshot -> admission(event, token, snapshot))
            .flatMap(pass -> pass.isEmpty()
                ? Mono.just(new Outcome(End.SOLD_OUT, null))
                : buy(event, token, key, pass))
            .timeout(patience, Mono.fromSupplier(() -> new Outcome(End.LOST_WAITING, null)))
            // "Not in line" for a buyer who never left: the line lost them.
            .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(new Outcome(End.LOST_WAITING, null)))
            .onErrorResume(e -> Mono.just(new Outcome(End.FAILED, null)));
    }

    /** The pass once admitted, or "" when the sale ended for this buyer. */
    private Mono<String> admission(long event, String token, Map<?, ?> snapshot) {
        String state = String.valueOf(snapshot.get("state"));
        if ("ADMITTED".equals(state)) {
            return Mono.just(snapshot.get("pass").toString());
        }
        if (!"WAITING".equals(state)) {
            return Mono.just("");
        }
        WebClient client = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        return client.get().uri(snapshot.get("streamUrl").toString()).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(SSE)
            .filter(sse -> TERMINAL.contains(sse.event()))
            .next()
            .map(sse -> sse.event())
            .onErrorResume(e -> Mono.just("broken"))
            .defaultIfEmpty("broken")
            .flatMap(end -> switch (end) {
                case "admitted", "reconnect", "broken" -> {
                    if (!"admitted".equals(end)) {
                        count(end + " stream");
                    }
                    // Ask where we stand (the pass, when admitted) and carry on from there.
                    yield call("GET /queue/me", c -> c.get().uri("/api/v1/events/{id}/queue/me", event).headers(h -> h.setBearerAuth(token))
                            .retrieve().bodyToMono(Map.class))
                        .flatMap(now -> admission(event, token, now));
                }
                default -> Mono.just("");
            });
    }

    private Mono<Outcome> buy(long event, String token, String key, String pass) {
        return call("POST /reservations", client -> client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .retrieve().bodyToMono(Map.class))
            .flatMap(held -> call("POST /confirm", client -> client.post().uri("/api/v1/reservations/{id}/confirm", held.get("id"))
                    .headers(h -> {
                        h.setBearerAuth(token);
                        h.set("Idempotency-Key", key + "-confirm");
                    })
                    .retrieve().bodyToMono(Map.class)))
            .map(sold -> {
                long id = ((Number) sold.get("id")).longValue();
                confirmed.add(id);
                return new Outcome(End.BOUGHT, id);
            })
            .onErrorResume(WebClientResponseException.Conflict.class, e -> Mono.just(new Outcome(End.SOLD_OUT, null)));
    }

    /** One request, on the next instance each attempt; refused connections and 503s wait and try again. */
    private <T> Mono<T> call(String what, Function<WebClient, Mono<T>> request) {
        return Mono.defer(() -> request.apply(instances.get(Math.floorMod(next.getAndIncrement(), instances.size()))))
            .doOnError(e -> {
                if (retryable(e)) {
                    count((e instanceof WebClientRequestException ? "connection failed" : "503") + " " + what);
                }
            })
            .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(500)).filter(Buyers::retryable));
    }

    private static boolean retryable(Throwable e) {
        return e instanceof WebClientRequestException || e instanceof WebClientResponseException.ServiceUnavailable;
    }

    private void count(String kind) {
        retried.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
}
