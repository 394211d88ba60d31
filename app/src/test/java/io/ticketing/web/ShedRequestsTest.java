package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

class ShedRequestsTest {

    private final ShedRequests shed = new ShedRequests();

    @Test
    void onlyOverloadedAnswersCountAsShed() {
        shed.written(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "busy").getBody());
        shed.written(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Redis is down").getBody());
        shed.written(Problems.badRequest("bad").getBody());

        assertThat(shed.total()).isEqualTo(1);
    }
}
