package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;

/**
 * The buyer's page is served by the service itself, with its script and styles, and without
 * a sign-in: the page signs in through the API. (The page's behaviour in a real browser is the
 * browser test's job.)
 */
class WaitingRoomPageTest extends IntegrationTest {

    @Test
    void pageIsServedWithItsLiveRegionAndScript() {
        String html = http.get().uri("/waiting-room.html?event=1").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("aria-live=\"polite\"", "role=\"alert\"", "src=\"waiting-room.js\"", "name=\"viewport\"");
    }

    @Test
    void scriptAndStylesAreServed() {
        http.get().uri("/waiting-room.js").exchange().expectStatus().isOk()
            .expectBody(String.class).value(js -> assertThat(js).contains("new EventSource(", "'Admission-Pass'", "'Idempotency-Key'"));
        http.get().uri("/waiting-room.css").exchange().expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/css")
            .expectBody();
    }
}
