package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;

/** A client's mistake is always a 4xx problem detail that says what to fix, never a 500. */
class BadInputTest extends IntegrationTest {

    @Test
    void malformedJsonIsABadRequest() {
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\": ")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("The request body is not valid JSON"));
    }

    @Test
    void wrongTypeNamesTheField() {
        http.post().uri("/api/v1/events").header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "x", "venue", "y", "startsAt", "next tuesday"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("Field 'startsAt' has the wrong type or format");
    }

    @Test
    void missingBodyIsABadRequest() {
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("A JSON request body is required");
    }

    @Test
    void oversizedBodyIsContentTooLarge() {
        String huge = "{\"email\":\"" + "a".repeat(300 * 1024) + "\"}";
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void unsupportedMediaTypeIsReportedAsSuch() {
        http.post().uri("/api/v1/users").contentType(MediaType.TEXT_PLAIN).bodyValue("hello")
            .exchange()
            .expectStatus().isEqualTo(415)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void unknownRouteIsNotFoundProblem() {
        http.get().uri("/api/v1/users/me/nothing-here").header("Authorization", bearer(newUserToken()))
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void aControlCharacterInAHeaderIsRefusedByTheFirewall() {
        // U+0085 travels as the single byte 0x85 and reads back as the C1 control character.
        http.get().uri("/api/v1/users/me").header("Authorization", "Bearer abc\u0085def")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("does not accept").doesNotContain("Bearer"));
    }

    @Test
    void aMalformedBearerTokenIsUnauthorizedSayingSo() {
        http.get().uri("/api/v1/users/me").header("Authorization", "Bearer two words")
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("malformed"));
    }
}
