package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import io.ticketing.queue.AdmissionPasses;
import io.ticketing.queue.QueueTestSupport;
import io.ticketing.web.ProblemWriter;

/**
 * The position stream is served beneath the WebFlux chain, yet its answers are the chain's: the
 * same headers, the same timer, the same problems, each compared with an ordinary route's.
 */
class StreamResponseTest extends QueueTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** What describes a body or the moment, not the service: its own on every response. */
    private static final Set<String> OF_THE_BODY = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(), HttpHeaders.CONTENT_LENGTH.toLowerCase(),
        HttpHeaders.TRANSFER_ENCODING.toLowerCase(), HttpHeaders.DATE.toLowerCase());

    @Autowired
    MeterRegistry meters;

    @Autowired
    ProblemWriter problems;

    @Autowired
    AdmissionPasses passes;

    @Autowired
    JsonMapper json;

    private final List<Disposable> held = new ArrayList<>();

    @AfterEach
    void closeHeldStreams() {
        held.forEach(Disposable::dispose);
    }

    @Test
    void aStreamCarriesTheHeadersOfAnOrdinaryAnswer() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String streamUrl = (String) enter(event, buyer).get("streamUrl");
        HttpHeaders ordinary = me(event, buyer).expectStatus().isOk().expectBody().returnResult().getResponseHeaders();

        HttpHeaders stream = openAndHold(streamUrl);

        assertThat(ordinary.getFirst("X-Content-Type-Options")).as("the ordinary answer's security headers").isEqualTo("nosniff");
        assertSameHeaders(stream, ordinary);
    }

    @Test
    void aRefusedStreamCarriesTheHeadersOfAnOrdinaryRefusal() {
        long event = newEvent(1, 1);
        HttpHeaders ordinary = http.get().uri("/api/v1/events/not-an-id").exchange()
            .expectStatus().isBadRequest().expectBody().returnResult().getResponseHeaders();

        HttpHeaders refused = http.get().uri("/api/v1/events/{id}/queue/stream?ticket=forged", event).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isForbidden().expectBody().returnResult().getResponseHeaders();

        assertSameHeaders(refused, ordinary);
    }

    @Test
    void aStreamWithABadIdIsTheProblemAnOrdinaryRouteAnswers() {
        Map<String, Object> ordinary = problem(http.get().uri("/api/v1/events/not-an-id").exchange().expectStatus().isBadRequest()
            .expectBody().returnResult());

        Map<String, Object> stream = problem(http.get().uri("/api/v1/events/not-an-id/queue/stream?ticket=any").exchange()
            .expectStatus().isBadRequest().expectBody().returnResult());

        assertThat(stream).containsEntry("instance", "/api/v1/events/not-an-id/queue/stream");
        ordinary.remove("instance");
        stream.remove("instance");
        assertThat(stream).isEqualTo(ordinary);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "forged"})
    void aRefusedStreamIsTheProblemTheSharedWriterWrites(String ticket) {
        long event = newEvent(1, 1);
        String path = "/api/v1/events/" + event + "/queue/stream";
        RuntimeException refusal = refusal(ticket, event);
        MockServerHttpResponse written = new MockServerHttpResponse();
        problems.write(MockServerHttpRequest.get(path).build(), written, refusal).block(WAIT);

        EntityExchangeResult<byte[]> sent = http.get().uri(path + "?ticket=" + ticket).exchange().expectBody().returnResult();

        assertThat(sent.getStatus()).isEqualTo(written.getStatusCode());
        assertThat(sent.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(sent.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(written.getBodyAsString().block(WAIT));
    }

    @Test
    void aStreamIsTimedAsAnOrdinaryAnswerIs() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        String streamUrl = (String) enter(event, buyer).get("streamUrl");
        me(event, buyer).expectStatus().isOk().expectBody();
        double before = count(StreamRoute.PATTERN.getPatternString(), "200");

        openAndHold(streamUrl);

        assertThat(count(StreamRoute.PATTERN.getPatternString(), "200")).isEqualTo(before + 1);
        assertThat(otherThanUri(timer(StreamRoute.PATTERN.getPatternString(), "200"))).isEqualTo(otherThanUri(timer("/api/v1/events/{id}/queue/me", "200")));
    }

    @Test
    void aRefusedStreamIsTimedAsAnOrdinaryRefusalIs() {
        long event = newEvent(1, 1);
        http.get().uri("/api/v1/events/not-an-id").exchange().expectStatus().isBadRequest().expectBody();
        double before = count(StreamRoute.PATTERN.getPatternString(), "400");

        http.get().uri("/api/v1/events/not-an-id/queue/stream").exchange().expectStatus().isBadRequest().expectBody();

        assertThat(count(StreamRoute.PATTERN.getPatternString(), "400")).isEqualTo(before + 1);
        assertThat(otherThanUri(timer(StreamRoute.PATTERN.getPatternString(), "400"))).isEqualTo(otherThanUri(timer("/api/v1/events/{id}", "400")));
    }

    /** The refusal a stream opened with {@code ticket} meets. */
    private RuntimeException refusal(String ticket, long event) {
        try {
            passes.verifyStreamTicket(ticket.isEmpty() ? null : ticket, event);
        }
        catch (RuntimeException refused) {
            return refused;
        }
        throw new AssertionError("The ticket '" + ticket + "' opened a stream");
    }

    private void assertSameHeaders(HttpHeaders stream, HttpHeaders ordinary) {
        assertThat(stream.getFirst(HttpHeaders.DATE)).as("Date").isNotNull();
        ordinary.headerNames().stream()
            .filter(name -> !OF_THE_BODY.contains(name.toLowerCase()))
            .forEach(name -> assertThat(stream.get(name)).as(name).isEqualTo(ordinary.get(name)));
    }

    private HttpHeaders openAndHold(String streamUrl) {
        FluxExchangeResult<String> result = http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk().returnResult(String.class);
        held.add(result.getResponseBody().subscribe());
        return result.getResponseHeaders();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problem(EntityExchangeResult<byte[]> result) {
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readValue(result.getResponseBody(), Map.class);
    }

    private Timer timer(String uri, String status) {
        return meters.get("http.server.requests").tag("uri", uri).tag("method", "GET").tag("status", status).timer();
    }

    private double count(String uri, String status) {
        Timer timer = meters.find("http.server.requests").tag("uri", uri).tag("method", "GET").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    /** A timer's tags but its route's. */
    private static List<Tag> otherThanUri(Timer timer) {
        return timer.getId().getTags().stream().filter(tag -> !tag.getKey().equals("uri")).toList();
    }
}
