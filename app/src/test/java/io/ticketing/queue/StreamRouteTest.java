package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamRouteTest {

    @Test
    void aStreamPathNamesItsEvent() {
        assertThat(StreamRoute.eventId("/api/v1/events/1042/queue/stream")).isEqualTo(1042);
    }

    /** Other routes, and stream paths whose id is not plain positive digits, which the chain's route answers (400 or 404). */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"/api/v1/events/1042/queue/me", "/api/v1/events/1042/queue/stream/", "/api/v1/events//queue/stream",
        "/api/v2/events/1/queue/stream", "/api/v1/events/12a/queue/stream", "/api/v1/events/-1/queue/stream",
        "/api/v1/events/%31/queue/stream", "/api/v1/events/0/queue/stream", "/api/v1/events/1234567890123456789/queue/stream"})
    void anythingButAStreamPathWithAPlainIdIsLeftToTheChain(String path) {
        assertThat(StreamRoute.eventId(path)).isEqualTo(StreamRoute.NOT_A_STREAM);
    }

    @Test
    void theTicketIsTheFirstTicketParameterAsSent() {
        assertThat(StreamRoute.ticket("ticket=abc.def")).isEqualTo("abc.def");
        assertThat(StreamRoute.ticket("x=1&ticket=abc.def&ticket=other")).isEqualTo("abc.def");
        assertThat(StreamRoute.ticket("ticket=")).isEmpty();
    }

    @Test
    void aQueryWithoutATicketHasNone() {
        assertThat(StreamRoute.ticket(null)).isNull();
        assertThat(StreamRoute.ticket("")).isNull();
        assertThat(StreamRoute.ticket("tickets=abc&xticket=abc")).isNull();
    }
}
