package io.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;
import io.ticketing.queue.AdmissionPasses;

/**
 * A dashboard panel or an alert over a metric the service does not export stays empty or silent
 * forever. After a little sale traffic, every metric that deploy/monitoring names must be in the
 * scrape.
 */
class DashboardMetricsTest extends IntegrationTest {

    private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
    /** Series made by Prometheus itself (recording rules, up), not by the service. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ticketing|http_server|r2dbc|lettuce|resilience4j|jvm|process)_[a-z0-9_]+)");

    @Autowired
    AdmissionPasses passes;

    @Autowired
    List<PeriodicTask> periodicTasks;

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExported() throws IOException {
        saleTraffic();
        // Gauges read from Redis and the invariant check refresh on their own schedule; now, here.
        Flux.fromIterable(periodicTasks).concatMap(PeriodicTask::runNow).blockLast(Duration.ofSeconds(30));

        String scrape = scraper().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        Set<String> exported = new TreeSet<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape);
        while (type.find()) {
            exported.add(base(type.group(1)));
        }

        Set<String> used = new TreeSet<>();
        used.addAll(metricsIn(MONITORING.resolve("grafana").resolve("ticketing-sale.json")));
        used.addAll(metricsIn(MONITORING.resolve("prometheus").resolve("ticketing-rules.yaml")));
        assertThat(used).as("metrics named in deploy/monitoring").hasSizeGreaterThan(15);
        assertThat(used).allSatisfy(metric -> assertThat(exported)
            .as("%s is used by the dashboard or the alerts", metric)
            .contains(metric));

        // A burn-rate alert counts the holds under its objective in one bucket: that bucket must exist.
        List<MatchResult> buckets = Pattern.compile("(\\w+_bucket)\\{[^}]*le=\"([^\"]+)\"")
            .matcher(Files.readString(MONITORING.resolve("prometheus").resolve("ticketing-rules.yaml"))).results().toList();
        assertThat(buckets).as("buckets named in the alert rules").isNotEmpty();
        for (MatchResult bucket : buckets) {
            assertThat(scrape).as("the scrape's %s{le=\"%s\"}", bucket.group(1), bucket.group(2))
                .containsPattern(bucket.group(1) + "\\{[^}]*le=\"" + Pattern.quote(bucket.group(2)) + "\"");
        }
    }

    /** A buyer enters the line, holds two seats and confirms; a second one cancels. */
    private void saleTraffic() {
        long event = newEvent(1, 10);
        for (boolean confirm : new boolean[] {true, false}) {
            String token = newUserToken();
            long user = userId(token);
            http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(token)).exchange().expectStatus().isOk().expectBody();
            String pass = passes.issuePass(user, event, clock.instant().plus(Duration.ofMinutes(5)));
            Number id = (Number) http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(token))
                .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
            if (confirm) {
                http.post().uri("/api/v1/reservations/{id}/confirm", id).header("Authorization", bearer(token))
                    .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isOk()
                    .expectBody();
            }
            else {
                http.delete().uri("/api/v1/reservations/{id}", id).header("Authorization", bearer(token)).exchange().expectStatus().isOk().expectBody();
            }
        }
    }

    /** The family name: histogram and counter series carry suffixes the TYPE line may not. */
    private static String base(String series) {
        return series.replaceAll("_(bucket|count|sum|max|total)$", "");
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(Files.readString(file));
        while (metric.find()) {
            names.add(base(metric.group(1)));
        }
        return names;
    }
}
