package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamRouteTest {

    @Test
    void aStreamPathNamesItsEvent() {
        assertThat(StreamRoute.eventId("/api/v1/events/1042/queue/stream")).isEqualTo(1042);
    }

    @Test
    void otherPathsAreNotStreams() {
        assertThat(StreamRoute.eventId("/api/v1/events/1042/queue/me")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events/1042/queue/stream/")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events//queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v2/events/1/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId(null)).isEqualTo(StreamRoute.NOT_A_STREAM);
    }

    @Test
    void anIdThatIsNotPlainPositiveDigitsLeavesTheStreamToTheChain() {
        assertThat(StreamRoute.eventId("/api/v1/events/12a/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events/-1/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events/%31/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events/0/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
        assertThat(StreamRoute.eventId("/api/v1/events/1234567890123456789/queue/stream")).isEqualTo(StreamRoute.NOT_A_STREAM);
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
