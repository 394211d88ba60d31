package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;

/** The listing's first page, everyone's landing page, comes from memory for first-page-ttl; nothing else does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstPageTest extends IntegrationTest {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext keeping;
    WebTestClient keepingHttp;

    @BeforeAll
    void startAnInstanceThatKeepsItsFirstPageForAnHour() {
        keeping = SecondInstance.start(environment, Map.of("ticketing.events.first-page-ttl", "1h"));
        keepingHttp = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(keeping)).build();
    }

    @AfterAll
    void stopIt() {
        keeping.close();
    }

    @Test
    void theFirstPageIsServedFromMemoryUntilItsTimeIsUp() {
        List<Object> before = ids(keepingHttp, "/api/v1/events?limit=100");

        long soonest = eventStartingIn(Duration.ofMinutes(90));

        assertThat(ids(http, "/api/v1/events?limit=100")).as("an instance that keeps nothing").contains(soonest);
        assertThat(ids(keepingHttp, "/api/v1/events?limit=100")).as("the instance that keeps its first page").isEqualTo(before);
    }

    @Test
    void aSearchIsNeverServedFromMemory() {
        ids(keepingHttp, "/api/v1/events?limit=100");
        long soonest = eventStartingIn(Duration.ofMinutes(90));
        String name = (String) http.get().uri("/api/v1/events/{id}", soonest).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("name");

        assertThat(ids(keepingHttp, "/api/v1/events?limit=100&query=" + name)).contains(soonest);
    }

    private long eventStartingIn(Duration startsIn) {
        Instant startsAt = clock.instant().plus(startsIn);
        Map<?, ?> event = http.post().uri("/api/v1/events").header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", unique("Soonest"), "venue", "Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", clock.instant().minus(Duration.ofDays(1)).toString(), "salesCloseAt", startsAt.minus(Duration.ofMinutes(30)).toString(),
                "sections", List.of(Map.of("name", "A", "rows", 1, "seatsPerRow", 1))))
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) event.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(WebTestClient client, String uri) {
        Map<String, Object> page = client.get().uri(uri).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (Object) ((Number) item.get("id")).longValue()).toList();
    }
}
