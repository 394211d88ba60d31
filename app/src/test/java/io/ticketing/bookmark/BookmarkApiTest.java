package io.ticketing.bookmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;

class BookmarkApiTest extends IntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    /** Like every other repository's calls, a bookmark's go through the database's timeout and breaker. */
    @Test
    void bookmarksAreRefusedAtOnceWhileTheDatabaseBreakerIsOpen() {
        String user = newUserToken();
        CircuitBreaker database = breakers.circuitBreaker("database");
        database.transitionToOpenState();
        try {
            http.get().uri("/api/v1/bookmarks").header("Authorization", bearer(user)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:unavailable");
        }
        finally {
            database.transitionToClosedState();
        }
    }

    @Test
    void bookmarkIsCreatedOnceListedAndRemoved() {
        String user = newUserToken();
        long eventId = newEvent();

        add(user, eventId).expectStatus().isCreated().expectBody();
        add(user, eventId).expectStatus().isOk().expectBody();
        http.get().uri("/api/v1/bookmarks").header("Authorization", bearer(user)).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.items.length()").isEqualTo(1)
            .jsonPath("$.items[0].eventId").isEqualTo(eventId)
            .jsonPath("$.nextCursor").doesNotExist();

        http.delete().uri("/api/v1/bookmarks/{id}", eventId).header("Authorization", bearer(user)).exchange()
            .expectStatus().isNoContent()
            .expectBody();
        http.get().uri("/api/v1/bookmarks").header("Authorization", bearer(user)).exchange()
            .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void bookmarksArePrivateToTheirOwner() {
        String owner = newUserToken();
        add(owner, newEvent()).expectStatus().isCreated().expectBody();
        http.get().uri("/api/v1/bookmarks").header("Authorization", bearer(newUserToken())).exchange()
            .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void bookmarkingAnUnknownEventIsNotFound() {
        add(newUserToken(), Long.MAX_VALUE).expectStatus().isNotFound()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("does not exist"));
    }

    @Test
    void bookmarksNeedSignIn() {
        http.get().uri("/api/v1/bookmarks").exchange().expectStatus().isUnauthorized().expectBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec add(String token, long eventId) {
        return http.post().uri("/api/v1/bookmarks").header("Authorization", bearer(token))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("eventId", eventId)).exchange();
    }

    private long newEvent() {
        return newEvent(1, 1);
    }
}
