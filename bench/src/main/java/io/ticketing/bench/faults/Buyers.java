package io.ticketing.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * picked up again from the buyer's place, as the page does: it keeps the newest stream ticket (each
 * answer's {@code streamUrl}, each {@code ticket} event) and asks {@code queue/me} with it, which
 * is what puts back a waiter Redis forgot. Holds and confirmations are retried with the same
 * Idempotency-Key, so a retry can never buy twice.
 */
final class Buyers {

    /**
     * STILL_WAITING: still in line when patience ran out; LOST: the service said they were not in
     * line at all (a 404 from queue/me, or {@code left} on the stream), though none of them ever left.
     */
    enum End { BOUGHT, SOLD_OUT, STILL_WAITING, LOST, FAILED }

    /**
     * What the run learns of one buyer as it goes: what the fault report reads when a fault hits
     * and afterwards. Written by the buyer's own journey, one step at a time.
     */
    static final class Buyer {

        final long userId;
        final String token;
        final String key;
        /** Every distinct admission pass the service handed this buyer: two mean it admitted them twice. */
        final Set<String> passes = ConcurrentHashMap.newKeySet();
        /** The newest stream ticket the service gave, null before the first. */
        volatile String streamTicket;
        /** System.nanoTime() when the first pass came, 0 before. */
        volatile long admittedAt;
        /** What the service said when it had lost this buyer, null unless it did. */
        volatile String told;
        /** Null while the journey runs. */
        volatile End end;
        /** Why a FAILED journey failed. */
        volatile String failure;
        /** The id of the reservation the hold answered with, null before. */
        volatile Object held;

        Buyer(long userId, String token, String key) {
            this.userId = userId;
            this.token = token;
            this.key = key;
        }

        boolean admitted() {
            return !passes.isEmpty();
        }

        /** The line ticket the newest stream ticket carries; 0 in the pre-queue, -1 when it carries no place (or none came yet). */
        long lineTicket() {
            String[] grant = grant(streamTicket);
            return grant != null && grant.length == 7 ? Long.parseLong(grant[6]) : -1;
        }

        private void admit(String pass) {
            if (passes.add(pass) && admittedAt == 0) {
                admittedAt = System.nanoTime();
            }
        }

        private void remember(Object streamUrl) {
            if (streamUrl != null) {
                String url = streamUrl.toString();
                int at = url.indexOf("ticket=");
                if (at >= 0) {
                    int end = url.indexOf('&', at);
                    streamTicket = url.substring(at + "ticket=".length(), end < 0 ? url.length() : end);
                }
            }
        }
    }

    /**
     * The signed part of a grant (a pass, a stream ticket), split at its dots:
     * {@code v1.<purpose>.<user>.<event>.<expiry>[.<lane>[.<place>]]}; null for anything else.
     */
    static String[] grant(String signed) {
        if (signed == null || signed.indexOf('.') < 0) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.'))), StandardCharsets.US_ASCII).split("\\.");
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The service told a buyer who never left that they are not in line. */
    private static final class Lost extends RuntimeException {

        Lost(String told) {
            super(told, null, false, false);
        }
    }

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() { };
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STREAM_SILENCE = Duration.ofSeconds(30);
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);
    private static final Set<String> TERMINAL = Set.of("admitted", "sold-out", "closed", "left", "reconnect");
    /** What the service's streams ask a browser to wait before it reconnects (their {@code retry}). */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

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

    Mono<End> journey(long event, Buyer buyer) {
        String key = buyer.key;
        stage.put(key, "entering");
        return call("POST /queue", client -> client.post().uri("/api/v1/events/{id}/queue", event).headers(h -> h.setBearerAuth(buyer.token))
                .retrieve().bodyToMono(Map.class))
            .flatMap(snapshot -> admission(event, buyer, snapshot))
            .flatMap(pass -> pass.isEmpty()
                ? Mono.just(End.SOLD_OUT)
                : buy(event, buyer, pass))
            .timeout(patience, Mono.fromSupplier(() -> End.STILL_WAITING))
            // "Not in line" for a buyer who never left: the line lost them.
            .onErrorResume(WebClientResponseException.NotFound.class, e -> {
                buyer.told = "404 from " + (e.getRequest() == null ? "a request" : e.getRequest().getMethod() + " " + e.getRequest().getURI().getPath())
                    + ": " + e.getResponseBodyAsString();
                return Mono.just(End.LOST);
            })
            .onErrorResume(Lost.class, e -> {
                buyer.told = e.getMessage();
                return Mono.just(End.LOST);
            })
            .onErrorResume(e -> {
                buyer.failure = (e instanceof WebClientResponseException response ? response.getStatusCode().value() + " " : "") + rootCause(e)
                    + " (" + stage.get(key) + ")";
                return Mono.just(End.FAILED);
            })
            .doOnNext(outcome -> {
                buyer.end = outcome;
                stage.put(key, "ended: " + outcome);
            });
    }

    /** The pass once admitted, or "" when the sale ended for this buyer. */
    private Mono<String> admission(long event, Buyer buyer, Map<?, ?> snapshot) {
        buyer.remember(snapshot.get("streamUrl"));
        String state = String.valueOf(snapshot.get("state"));
        if ("ADMITTED".equals(state)) {
            String pass = snapshot.get("pass").toString();
            buyer.admit(pass);
            return Mono.just(pass);
        }
        if (!"WAITING".equals(state)) {
            return Mono.just("");
        }
        WebClient client = instances.get(pick());
        stage.put(buyer.key, "waiting on the stream");
        return client.get().uri(snapshot.get("streamUrl").toString()).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(SSE)
            // Heartbeats come every 15 s: a silent stream is a dead one, as a browser would decide.
            .timeout(STREAM_SILENCE)
            .doOnNext(sse -> {
                if ("ticket".equals(sse.event()) && sse.data() != null) {
                    buyer.remember(sse.data().get("streamUrl"));
                }
            })
            // A heartbeat is a comment, with no event name, which Set.of's contains refuses with a NullPointerException.
            .filter(sse -> sse.event() != null && TERMINAL.contains(sse.event()))
            .next()
            .onErrorResume(e -> Mono.just(broken(e instanceof WebClientResponseException refused
                    ? refused.getStatusCode().value() + (refused.getStatusCode().is2xxSuccessful() ? " then " + rootCause(e).replaceAll(":.*", "") : "")
                : e instanceof TimeoutException ? "silent for " + STREAM_SILENCE.toSeconds() + " s" : e.getClass().getSimpleName())))
            .defaultIfEmpty(broken("ended without a word"))
            .flatMap(end -> switch (String.valueOf(end.event())) {
                case "admitted" -> {
                    // As the page does: the pass comes with the event.
                    String pass = end.data().get("pass").toString();
                    buyer.admit(pass);
                    yield Mono.just(pass);
                }
                case "reconnect", "broken" -> {
                    count(end.event() + " stream" + (end.comment() == null ? "" : " (" + end.comment() + ")"));
                    // Ask where we stand, with the newest ticket (which puts back a waiter Redis forgot), and carry on from
                    // there; after the pause the stream asks for (its 'retry'), as a browser reconnects, not at once.
                    yield Mono.delay(RECONNECT_AFTER).then(call("GET /queue/me", c -> c.get().uri(uri -> buyer.streamTicket == null
                                ? uri.path("/api/v1/events/{id}/queue/me").build(event)
                                : uri.path("/api/v1/events/{id}/queue/me").queryParam("ticket", "{ticket}").build(event, buyer.streamTicket))
                            .headers(h -> h.setBearerAuth(buyer.token))
                            .retrieve().bodyToMono(Map.class)))
                        .flatMap(now -> admission(event, buyer, now));
                }
                // Nobody here ever leaves: a line that says so has lost them.
                case "left" -> Mono.error(new Lost("'left' on the stream: " + end.data()));
                default -> Mono.just("");
            });
    }

    private Mono<End> buy(long event, Buyer buyer, String pass) {
        String token = buyer.token;
        String key = buyer.key;
        stage.put(key, "holding");
        return call("POST /reservations", client -> client.post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Admission-Pass", pass);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .retrieve().bodyToMono(Map.class))
            .doOnNext(held -> {
                buyer.held = held.get("id");
                stage.put(key, "confirming");
            })
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

    /** A stream that broke, was refused, timed out or ended without a word ({@code why}). */
    private static ServerSentEvent<Map<String, Object>> broken(String why) {
        return ServerSentEvent.<Map<String, Object>>builder().event("broken").comment(why).build();
    }

    /** One request, on the next instance each attempt; refused connections and 503s wait and try again. */
    private <T> Mono<T> call(String what, Function<WebClient, Mono<T>> request) {
        return Mono.defer(() -> {
                int instance = pick();
                return request.apply(instances.get(instance))
                    // A 2xx without a body would otherwise end the journey with no outcome at all.
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("a 2xx without a body")))
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
