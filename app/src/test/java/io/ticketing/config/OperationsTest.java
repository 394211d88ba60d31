package io.ticketing.config;

import org.junit.jupiter.api.Test;

import io.ticketing.IntegrationTest;

class OperationsTest extends IntegrationTest {

    @Test
    void readinessIsUp() {
        http.get().uri("/actuator/health/readiness").exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        http.get().uri("/actuator/health/liveness").exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeCarriesHttpMetrics() {
        http.get().uri("/api/v1/events").exchange().expectStatus().isOk().expectBody();
        scraper().get().uri("/actuator/prometheus").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentListsTheEndpoints() {
        http.get().uri("/v3/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.paths['/api/v1/events']").exists()
            .jsonPath("$.paths['/api/v1/auth/token']").exists()
            .jsonPath("$.paths['/api/v1/bookmarks']").exists()
            .jsonPath("$.paths['/api/v1/events/{id}/queue/challenge'].get.operationId").isEqualTo("queueChallenge")
            .jsonPath("$.paths['/api/v1/events/{id}/queue'].post.requestBody").exists()
            .jsonPath("$.paths['/api/v1/events/{id}/queue/stream'].get.operationId").isEqualTo("queueStream")
            .jsonPath("$.paths['/api/v1/admin/events/{id}/lanes'].post.operationId").isEqualTo("createLane")
            .jsonPath("$.paths['/api/v1/admin/events/{id}/lanes/{laneId}/codes'].get.operationId").isEqualTo("downloadLaneCodes")
            .jsonPath("$.paths['/api/v1/events/{id}/queue/stream'].get.responses['429'].content['application/problem+json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ProblemDetail")
            .jsonPath("$.components.schemas.ProblemDetail").exists();
    }

    @Test
    void openApiDocumentSendsTryItOutToTheOriginItWasReadFrom() {
        http.get().uri("/v3/api-docs").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.servers[0].url").isEqualTo("/");
    }
}
