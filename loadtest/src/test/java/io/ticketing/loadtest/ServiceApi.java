package io.ticketing.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run sets up before its virtual users arrive, through the service's own admin API: the
 * sale's event, its seat map and its waiting-room settings.
 */
final class ServiceApi {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int SEATS_PER_ROW = 50;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;

    ServiceApi(Settings settings) {
        this.baseUrl = settings.baseUrl();
        this.adminToken = signIn(settings.adminEmail(), settings.adminPassword());
    }

    /** An event on sale now with {@code seats} seats in rows of 50, split into sections of at most 1,000 rows. */
    long saleEvent(String name, int seats) {
        int rows = Math.max(1, (seats + SEATS_PER_ROW - 1) / SEATS_PER_ROW);
        if ((long) rows * SEATS_PER_ROW != seats && seats >= SEATS_PER_ROW) {
            throw new IllegalArgumentException("seats must be a multiple of " + SEATS_PER_ROW + ", got " + seats);
        }
        int perRow = Math.min(seats, SEATS_PER_ROW);
        List<Map<String, Object>> sections = new java.util.ArrayList<>();
        for (int start = 0, n = 1; start < rows; start += 1000, n++) {
            sections.add(Map.of("name", "Section " + n, "rows", Math.min(1000, rows - start), "seatsPerRow", perRow));
        }
        Instant now = Instant.now();
        JsonNode event = send("POST", "/api/v1/events", Map.of(
            "name", name, "venue", "Load Test Stadium",
            "startsAt", now.plus(Duration.ofDays(30)).toString(),
            "salesOpenAt", now.minus(Duration.ofMinutes(1)).toString(),
            "salesCloseAt", now.plus(Duration.ofDays(29)).toString(),
            "sections", sections));
        return event.get("id").asLong();
    }

    /** The event a buying scenario sells, with the run's waiting-room settings applied. */
    static long openSale(Settings settings, String name) {
        ServiceApi api = new ServiceApi(settings);
        long event = api.saleEvent(name, settings.seats());
        api.queueSettings(event, settings.admissionRate(), settings.maxActive());
        System.out.println("Sale event " + event + ": " + settings.seats() + " seats, admitting " + settings.admissionRate()
            + "/s, at most " + settings.maxActive() + " buyers at once");
        return event;
    }

    /**
     * A presale lane of the event, open since a minute ago until {@code closes}, its unsold seats
     * going to the public sale at {@code returns}; {@code quota} seats, entered with one shared code
     * that {@code maxUses} accounts may redeem.
     */
    Lane sharedCodeLane(long event, String name, Instant closes, Instant returns, int quota, int maxUses) {
        // Shared codes are unique across lanes, and runs share the database.
        String code = "FANS-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JsonNode lane = send("POST", "/api/v1/admin/events/" + event + "/lanes", Map.of(
            "name", name,
            "opensAt", Instant.now().minus(Duration.ofMinutes(1)).toString(),
            "closesAt", closes.toString(),
            "returnsUnsoldAt", returns.toString(),
            "quota", quota,
            "codes", Map.of("shared", code, "maxUses", maxUses)));
        return new Lane(lane.get("id").asLong(), code);
    }

    record Lane(long id, String code) {
    }

    void queueSettings(long event, int admissionRate, int maxActive) {
        send("PUT", "/api/v1/admin/events/" + event + "/queue", Map.of("admissionRatePerSecond", admissionRate, "maxActive", maxActive));
    }

    private String signIn(String email, String password) {
        JsonNode token = send("POST", "/api/v1/auth/token", Map.of("email", email, "password", password), null);
        return token.get("accessToken").asString();
    }

    private JsonNode send(String method, String path, Object body) {
        return send(method, path, body, adminToken);
    }

    private JsonNode send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot reach the service at " + baseUrl + " (" + e + "); is it running?", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
