package io.ticketing.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Lanes made through the admin API, for the tests of lanes and of what sells through them. */
public final class TestLanes {

    private TestLanes() {
    }

    /** A lane of {@code quota} seats open from {@code opensAt} for a day, its unsold seats returned a day after it closes. */
    public static Map<String, Object> lane(Instant opensAt, int quota, Map<String, Object> codes) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Fan club");
        body.put("opensAt", opensAt.toString());
        body.put("closesAt", opensAt.plus(Duration.ofDays(1)).toString());
        body.put("returnsUnsoldAt", opensAt.plus(Duration.ofDays(2)).toString());
        body.put("quota", quota);
        body.put("codes", codes);
        return body;
    }

    public static WebTestClient.ResponseSpec create(WebTestClient http, String adminToken, long eventId, Map<String, Object> body) {
        return http.post().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", "Bearer " + adminToken)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** The id of the lane a creation made, which must have succeeded. */
    public static long created(WebTestClient.ResponseSpec creation) {
        return ((Number) creation.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    /** A lane of the event open since an hour before {@code now}, of {@code quota} seats from {@code sections} (all when null); its id. */
    public static long openLane(WebTestClient http, String adminToken, long eventId, Instant now, int quota, List<String> sections) {
        Map<String, Object> body = lane(now.minus(Duration.ofHours(1)), quota, Map.of("count", 1));
        if (sections != null) {
            body.put("sections", sections);
        }
        return created(create(http, adminToken, eventId, body));
    }

    /** The seats of the lane, in seat-map order. */
    public static List<Long> seatsOf(DatabaseClient db, long laneId) {
        return db.sql("SELECT id FROM seat WHERE lane_id = :id ORDER BY id").bind("id", laneId)
            .map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    /** An event whose sales opened a day before {@code now}, with one row of {@code seatsPerRow} seats in each named section. */
    public static long eventWithSections(WebTestClient http, String adminToken, Instant now, int seatsPerRow, String... sections) {
        Instant startsAt = now.plus(Duration.ofDays(30));
        Map<?, ?> event = http.post().uri("/api/v1/events").header("Authorization", "Bearer " + adminToken)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Sections", "venue", "Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", now.minus(Duration.ofDays(1)).toString(), "salesCloseAt", startsAt.minus(Duration.ofHours(1)).toString(),
                "sections", List.of(sections).stream().map(name -> Map.of("name", name, "rows", 1, "seatsPerRow", seatsPerRow)).toList()))
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) event.get("id")).longValue();
    }
}
