package io.ticketing.queue;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import io.ticketing.web.DateHeader;
import io.ticketing.web.HttpMetrics;
import io.ticketing.web.ProblemWriter;

/**
 * Serves position streams beneath WebFlux's per-request machinery. A stream stays open for as long
 * as its waiter waits, and all that its request set up stays with it: the exchange and its
 * attributes, the filters' and the exception handler's operators, the dispatch to the route, each
 * filter's checkpoint text. At the streams one instance holds in a sale that was more than its heap
 * could spare (docs/benchmarks.md). This route opens a stream straight from the server's request, through the
 * same checks ({@link QueueHandler#openStream}), and writes it with the same Server-Sent Events
 * writer, dated and timed as the filters date and time every other response.
 *
 * <p>Everything else goes on to the WebFlux chain, and so does a stream refused (a 4xx: the ticket,
 * the user's stream cap): the chain's route for the same URL checks it again and renders the refusal
 * as a problem, like any other error. A refusal therefore costs its checks twice, which only
 * refusals pay. Any other failure is answered here, once, as its problem: opened again, a stream
 * whose Redis answer timed out would run stream-open.lua a second time, after a first that may well
 * have taken a slot.
 */
@Component
class StreamRoute implements WebHttpHandlerBuilderCustomizer {

    static final String PATTERN = "/api/v1/events/{id}/queue/stream";
    static final long NOT_A_STREAM = -1;
    private static final String PREFIX = "/api/v1/events/";
    private static final String SUFFIX = "/queue/stream";
    private static final String TICKET = "ticket=";
    /** More digits than any event id has: longer is not an id, and could overflow. */
    private static final int MAX_ID_DIGITS = 18;
    private static final ResolvableType EVENTS = ResolvableType.forClassWithGenerics(ServerSentEvent.class, Object.class);

    private final QueueHandler queue;
    private final HttpMetrics metrics;
    private final DateHeader dates;
    private final HttpMessageWriter<Object> writer;
    private final ProblemWriter problems;

    StreamRoute(QueueHandler queue, HttpMetrics metrics, DateHeader dates, ServerCodecConfigurer codecs, ProblemWriter problems) {
        this.problems = problems;
        this.queue = queue;
        this.metrics = metrics;
        this.dates = dates;
        this.writer = sseWriter(codecs);
    }

    @SuppressWarnings("unchecked")
    private static HttpMessageWriter<Object> sseWriter(ServerCodecConfigurer codecs) {
        return (HttpMessageWriter<Object>) codecs.getWriters().stream()
            .filter(candidate -> candidate.canWrite(EVENTS, MediaType.TEXT_EVENT_STREAM))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No writer for Server-Sent Events among the server's codecs"));
    }

    @Override
    public void customize(WebHttpHandlerBuilder builder) {
        builder.httpHandlerDecorator(next -> (request, response) -> handle(request, response, next));
    }

    Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response, HttpHandler next) {
        long eventId = request.getMethod() == HttpMethod.GET ? eventId(request.getURI().getRawPath()) : NOT_A_STREAM;
        if (eventId == NOT_A_STREAM) {
            return next.handle(request, response);
        }
        // What to answer, decided before any of it runs: a stream's own write errors must not reach the chain.
        return queue.openStream(eventId, ticket(request.getURI().getRawQuery()))
            .map(events -> write(events, request, response))
            .onErrorResume(failed -> refused(failed) ? Mono.empty() : Mono.just(answer(failed, request, response)))
            .switchIfEmpty(Mono.fromSupplier(() -> next.handle(request, response)))
            .flatMap(answer -> answer);
    }

    /** A refusal of the stream, which the chain's route answers: the client's to fix or to wait out. */
    private static boolean refused(Throwable failed) {
        return failed instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError();
    }

    private Mono<Void> write(Flux<ServerSentEvent<Object>> events, ServerHttpRequest request, ServerHttpResponse response) {
        begin(request, response);
        response.setStatusCode(HttpStatus.OK);
        return writer.write(events, EVENTS, MediaType.TEXT_EVENT_STREAM, response, Map.of());
    }

    private Mono<Void> answer(Throwable failed, ServerHttpRequest request, ServerHttpResponse response) {
        begin(request, response);
        return problems.write(request, response, failed);
    }

    /** Timed and dated as the filters time and date every other response. */
    private void begin(ServerHttpRequest request, ServerHttpResponse response) {
        metrics.time(request, response, PATTERN);
        dates.stamp(response);
        streamHeaders(response.getHeaders());
    }

    /** What a stream's response says besides its type, whichever route serves it. */
    static void streamHeaders(HttpHeaders headers) {
        headers.setCacheControl("no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        // Tells nginx-style proxies not to buffer the stream.
        headers.set("X-Accel-Buffering", "no");
    }

    /** The event of a stream's path ({@link #PATTERN}, the id in plain digits), or {@link #NOT_A_STREAM}. */
    static long eventId(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX) || !rawPath.endsWith(SUFFIX)) {
            return NOT_A_STREAM;
        }
        int start = PREFIX.length();
        int end = rawPath.length() - SUFFIX.length();
        if (end <= start || end - start > MAX_ID_DIGITS) {
            return NOT_A_STREAM;
        }
        long id = 0;
        for (int i = start; i < end; i++) {
            char c = rawPath.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_STREAM;
            }
            id = id * 10 + (c - '0');
        }
        return id > 0 ? id : NOT_A_STREAM;
    }

    /**
     * The first {@code ticket} parameter as sent, or null. Tickets are issued URL-safe, so one that
     * arrives percent-encoded does not verify here and takes the chain's route, which decodes it.
     */
    static String ticket(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        int from = 0;
        while (from <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', from);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (rawQuery.startsWith(TICKET, from)) {
                return rawQuery.substring(from + TICKET.length(), end);
            }
            from = end + 1;
        }
        return null;
    }
}
