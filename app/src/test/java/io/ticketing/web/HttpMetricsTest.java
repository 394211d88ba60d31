package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import io.ticketing.IntegrationTest;

/** The HTTP timers the dashboard and the alerts read: named by route pattern, method and status, never by raw path. */
class HttpMetricsTest extends IntegrationTest {

    @Test
    void aRequestIsTimedUnderItsRoutesPatternMethodAndStatus() {
        long event = newEvent(1, 1);
        http.get().uri("/api/v1/events/{id}", event).exchange().expectStatus().isOk().expectBody();

        assertThat(scrape()).contains(
            "http_server_requests_seconds_count{application=\"ticketing\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/events/{id}\"}");
    }

    @Test
    void aProblemIsTimedWithItsOwnStatus() {
        http.get().uri("/api/v1/events/{id}", Long.MAX_VALUE).exchange().expectStatus().isNotFound().expectBody();

        assertThat(scrape()).contains(
            "http_server_requests_seconds_count{application=\"ticketing\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/api/v1/events/{id}\"}");
    }

    @Test
    void anUnknownPathIsTimedUnderThePatternThatMissedNotUnderItsOwnName() {
        String path = "/" + unique("nowhere");
        http.get().uri(path).exchange().expectStatus().isNotFound().expectBody();

        assertThat(scrape())
            // Static files answer every path outside the API, and a missing one is theirs.
            .contains("http_server_requests_seconds_count{application=\"ticketing\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/**\"}")
            .doesNotContain(path);
    }

    @Test
    void aMethodOutsideHttpsStandardOnesIsTimedAsOther() {
        String method = "Z" + unique("method").replace("-", "");
        http.method(HttpMethod.valueOf(method)).uri("/api/v1/events").exchange().expectStatus().isBadRequest().expectBody();

        assertThat(scrape())
            .contains("http_server_requests_seconds_count{application=\"ticketing\",method=\"OTHER\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"UNKNOWN\"}")
            .doesNotContain(method);
    }

    private String scrape() {
        return scraper().get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
    }
}
