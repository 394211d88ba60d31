package io.ticketing.queue.stream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.core.ResolvableType;
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
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.ticketing.security.SecurityHeaders;
import io.ticketing.web.DateHeader;
import io.ticketing.web.HttpMetrics;
import io.ticketing.web.ProblemWriter;
import io.ticketing.web.Requests;

/**
 * The position stream's route, served beneath WebFlux's per-request machinery. A stream stays open
 * for as long as its waiter waits, and all that its request set up stays with it: the exchange and
 * its attributes, the filters' and the exception handler's operators, the dispatch to the route.
 * At the streams one instance holds in a sale, that was more than its heap could spare
 * (docs/benchmarks.md). So this is the stream's only route: it opens a stream straight from the
 * server's request, through {@link StreamOpener}, and writes it with WebFlux's Server-Sent Events
 * writer.
 *
 * <p>What the chain gives every other response, this route takes from the same places, so that
 * the stream's answers cannot drift from the rest: the timer ({@link HttpMetrics}), the date
 * ({@link DateHeader}), the security chain's headers ({@link SecurityHeaders}), and for a refusal
 * or a failure the problem that {@link ProblemWriter} writes for every error. A failure is
 * answered here, once: opened again, a stream whose Redis answer timed out would run
 * stream-open.lua a second time, after a first that may well have taken a slot.
 */
@Component
class StreamRoute implements WebHttpHandlerBuilderCustomizer {

    static final PathPattern PATTERN = PathPatternParser.defaultInstance.parse("/api/v1/events/{id}/queue/stream");
    private static final String ID = "id";
    private static final String TICKET = "ticket";
    private static final ResolvableType EVENTS = ResolvableType.forClassWithGenerics(ServerSentEvent.class, Object.class);

    private final StreamOpener opener;
    private final HttpMetrics metrics;
    private final DateHeader dates;
    private final SecurityHeaders securityHeaders;
    private final HttpMessageWriter<Object> writer;
    private final ProblemWriter problems;

    StreamRoute(StreamOpener opener, HttpMetrics metrics, DateHeader dates, SecurityHeaders securityHeaders, ServerCodecConfigurer codecs,
                ProblemWriter problems) {
        this.opener = opener;
        this.metrics = metrics;
        this.dates = dates;
        this.securityHeaders = securityHeaders;
        this.problems = problems;
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
        PathPattern.PathMatchInfo match = request.getMethod() == HttpMethod.GET ? PATTERN.matchAndExtract(request.getPath().pathWithinApplication()) : null;
        if (match == null) {
            return next.handle(request, response);
        }
        begin(request, response);
        // The id alone: the match and its map would stay with the stream for as long as it is open.
        String id = match.getUriVariables().get(ID);
        // What to answer is decided before it runs: an error while the stream is written is not one to answer with a problem.
        return Mono.defer(() -> opener.open(Requests.pathId(ID, id), ticket(request.getURI())))
            .map(events -> write(events, response))
            .onErrorResume(failed -> Mono.just(problems.write(request, response, failed)))
            .flatMap(answer -> answer);
    }

    private Mono<Void> write(Flux<ServerSentEvent<Object>> events, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.OK);
        // Tells nginx-style proxies not to buffer the stream.
        response.getHeaders().set("X-Accel-Buffering", "no");
        return writer.write(events, EVENTS, MediaType.TEXT_EVENT_STREAM, response, Map.of());
    }

    /** Timed, dated and headed as the chain times, dates and heads every other response. */
    private void begin(ServerHttpRequest request, ServerHttpResponse response) {
        metrics.time(request, response, PATTERN.getPatternString());
        dates.stamp(response);
        securityHeaders.write(request, response);
    }

    /**
     * The first {@code ticket} parameter, decoded, or null. Parsed for the moment, not through the
     * request's own query parameters, which it would keep for as long as the stream is open. A
     * {@link URI}'s escapes are valid, so decoding cannot fail.
     */
    static String ticket(URI uri) {
        String raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(TICKET);
        return raw == null ? null : UriUtils.decode(raw, StandardCharsets.UTF_8);
    }
}
