package io.ticketing.queue.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import io.ticketing.queue.QueueTestSupport;

/** Which requests the stream's route serves, and how it reads a stream's URL. */
class StreamRouteTest extends QueueTestSupport {

    @Autowired
    StreamRoute route;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/events/1042/queue/me", "/api/v1/events/1042/queue/stream/", "/api/v1/events//queue/stream",
        "/api/v2/events/1/queue/stream", "/api/v1/events/1/queue/streams", "/api/v1/events/1/2/queue/stream"})
    void aRequestForAnotherPathGoesOnToTheChain(String path) {
        assertThat(handedOn(MockServerHttpRequest.get(path).build(), new MockServerHttpResponse())).isTrue();
    }

    @Test
    void aRequestForTheStreamsPathWithAnotherMethodGoesOnToTheChain() {
        assertThat(handedOn(MockServerHttpRequest.method(HttpMethod.POST, "/api/v1/events/1042/queue/stream").build(), new MockServerHttpResponse()))
            .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "-1", "0", "1234567890123456789012"})
    void aStreamPathWhoseIdIsNotAPositiveNumberIsRefusedByTheRoute(String id) {
        MockServerHttpResponse response = new MockServerHttpResponse();

        assertThat(handedOn(MockServerHttpRequest.get("/api/v1/events/" + id + "/queue/stream?ticket=any").build(), response)).isFalse();
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theTicketIsTheFirstTicketParameterDecoded() {
        assertThat(StreamRoute.ticket(URI.create("/s?ticket=abc.def"))).isEqualTo("abc.def");
        assertThat(StreamRoute.ticket(URI.create("/s?x=1&ticket=abc.def&ticket=other"))).isEqualTo("abc.def");
        assertThat(StreamRoute.ticket(URI.create("/s?ticket=abc%2Ddef"))).isEqualTo("abc-def");
        assertThat(StreamRoute.ticket(URI.create("/s?ticket="))).isEmpty();
    }

    @Test
    void aQueryWithoutATicketHasNone() {
        assertThat(StreamRoute.ticket(URI.create("/s"))).isNull();
        assertThat(StreamRoute.ticket(URI.create("/s?"))).isNull();
        assertThat(StreamRoute.ticket(URI.create("/s?tickets=abc&xticket=abc"))).isNull();
    }

    private boolean handedOn(MockServerHttpRequest request, MockServerHttpResponse response) {
        AtomicBoolean handedOn = new AtomicBoolean();
        route.handle(request, response, (passed, itsResponse) -> Mono.fromRunnable(() -> handedOn.set(true)))
            .as(StepVerifier::create)
            .verifyComplete();
        return handedOn.get();
    }
}
