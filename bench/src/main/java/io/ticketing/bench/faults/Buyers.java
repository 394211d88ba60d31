package io.ticketing.bench.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
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

    /** STILL_WAITING: still in line when patience ran out; LOST: the service said they were not in line at all. */
    enum End { BOUGHT, SOLD_OUT, STILL_WAITING, LOST, FAILED }

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() { };
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STREAM_SILENCE = Duration.ofSeconds(30);
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);
    private static final Set<String> TERMINAL = Set.of("admitted", "sold-out", "closed", "left", "reconnect");

    private final List<WebClient> instances;
    private final Duration patience;
    private final AtomicInteger next = new AtomicInteger();
    /** Like a load balancer's health check: an instance that refused a connection is left out for a few seconds. */
    private final long[] downUntil;
    /** Failed attempts by kind ("503 POST /queue", "refused GET /seats", …): what the retries absorbed. */
    final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();
    /** Where each buyer's journey is, by key: what a run that stops waiting can report about the unfinished. */
    final Map<String, String> stage = new ConcurrentHashMap<>();

    Buyers(List<WebClient> instances, Duration patience) {
        this.instances = instances;
        this.patience = patience;
        this.downUntil = new long[instances.size()];
    }

    Mono<End> journey(long event, String token, String key) {
        stage.put(key, "entering");
        return call("POST /queue", client -> client.post().uri("/api/v1/events/{id}/queue", event).headers(h -> h.setBearerAuth(token))
                .retrieve().bodyToMono(Map.class))
            .flatMap(snapshot -> admission(event, token, key, snapshot))
            .flatMap(pass -> pass.isEmpty()
                ? Mono.just(End.SOLD_OUT)
                : buy(event, token, key, pass))
            .timeout(patience, Mono.fromSupplier(() -> End.STILL_WAITING))
            // "Not in line" for a buyer who never left: the line lost them.
            .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(End.LOST))
            .onErrorResume(e -> Mono.just(End.FAILED))
            .doOnNext(outcome -> stage.put(key, "ended: " + outcome));
    }

    /** The pass once admitted, or "" when the sale ended for this buyer. */
    private Mono<String> admission(long event, String token, String key, Map<?, ?> snapshot) {
        String state = String.valueOf(snapshot.get("state"));
        if ("ADMITTED".equals(state)) {
            return Mono.just(snapshot.get("pass").toString());
        }
        if (!"WAITING".equals(state)) {
            return Mono.just("");
        }
        WebClient client = instances.get(pick());
        stage.put(key, "waiting on the stream");
        return client.get().uri(snapshot.get("streamUrl").toString()).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(SSE)
            // Heartbeats come every 15 s: a silent stream is a dead one, as a browser would decide.
            .timeout(STREAM_SILENCE)
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
                        .flatMap(now -> admission(event, token, key, now));
                }
                default -> Mono.just("");
            });
    }

    private Mono<End> buy(long event, String token, String key, String pass) {
        stage.put(key, "holding");
        return call("POST /reservations", client -> client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .retrieve().bodyToMono(Map.class))
            .doOnNext(held -> stage.put(key, "confirming"))
            .flatMap(held -> call("POST /confirm", client -> client.post().uri("/api/v1/reservations/{id}/confirm", held.get("id"))
                    .headers(h -> {
                        h.setBearerAuth(token);
                        h.set("Idempotency-Key", key + "-confirm");
                    })
                    .retrieve().bodyToMono(Map.class)))
            .map(sold -> {
                confirmed.add(((Number) sold.get("id")).longValue());
                return End.BOUGHT;
            })
            .onErrorResume(WebClientResponseException.Conflict.class, e -> Mono.just(End.SOLD_OUT));
    }

    /** One request, on the next instance each attempt; refused connections and 503s wait and try again. */
    private <T> Mono<T> call(String what, Function<WebClient, Mono<T>> request) {
        return Mono.defer(() -> {
                int instance = pick();
                return request.apply(instances.get(instance))
                    // An instance that went away mid-request may never answer: give up on it as a browser does.
                    .timeout(REQUEST_TIMEOUT)
                    .doOnError(e -> {
                        if (e instanceof WebClientRequestException) {
                            downUntil[instance] = System.nanoTime() + DOWN_FOR.toNanos();
                        }
                        count((retryable(e) ? kind(e) : "gave up on " + describe(e)) + " " + what + " @" + (instance + 1));
                    });
            })
            // As a well-behaved client: wait what Retry-After says (half a second when it says nothing).
            .retryWhen(Retry.from(failures -> failures.concatMap(failure -> retryable(failure.failure())
                ? Mono.delay(retryAfter(failure.failure()))
                : Mono.error(failure.failure()))));
    }

    /** The next instance in turn that is not marked down (any, when all are). */
    private int pick() {
        long now = System.nanoTime();
        for (int tries = 0; tries < instances.size(); tries++) {
            int instance = Math.floorMod(next.getAndIncrement(), instances.size());
            if (downUntil[instance] < now) {
                return instance;
            }
        }
        return Math.floorMod(next.getAndIncrement(), instances.size());
    }

    private static boolean retryable(Throwable e) {
        return e instanceof WebClientRequestException || e instanceof WebClientResponseException.ServiceUnavailable
            || e instanceof WebClientResponseException.TooManyRequests || e instanceof TimeoutException;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return cause.getClass().getSimpleName() + ": " + message.substring(0, Math.min(80, message.length()));
    }

    private static Duration retryAfter(Throwable e) {
        String header = e instanceof WebClientResponseException response ? response.getHeaders().getFirst("Retry-After") : null;
        return header == null ? Duration.ofMillis(500) : Duration.ofSeconds(Long.parseLong(header));
    }

    private static String describe(Throwable e) {
        return e instanceof WebClientResponseException response ? Integer.toString(response.getStatusCode().value()) : e.getClass().getSimpleName();
    }

    private static String kind(Throwable e) {
        return e instanceof WebClientRequestException ? "connection failed (" + rootCause(e) + ")" : e instanceof TimeoutException ? "no answer in 10 s"
            : describe(e);
    }

    private void count(String kind) {
        retried.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
}
