package io.ticketing.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Reads fixtures trimmed from real Gatling 3.15.1 reports; a Gatling upgrade that moves the table fails here. */
class GatlingReportTest {

    private static GatlingReport fixture(String name) throws IOException {
        try (var html = GatlingReportTest.class.getResourceAsStream("/gatling/" + name)) {
            return GatlingReport.parse(Path.of(name), new String(html.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsEveryStepWithItsPercentiles() throws IOException {
        GatlingReport report = fixture("spike.html");

        assertThat(report.steps()).extracting(GatlingReport.Step::name).contains("All Requests", "sign in", "enter queue",
            "wait for admission", "hold seats", "confirm");
        GatlingReport.Step hold = report.steps().stream().filter(step -> step.name().equals("hold seats")).findFirst().orElseThrow();
        assertThat(hold).isEqualTo(new GatlingReport.Step("hold seats", 1511, 1511, 0, 48.74, 7, 95, 129, 220, 301, 365, hold.mean()));
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void readsErrorsByKindWithTheirCounts() throws IOException {
        GatlingReport report = fixture("failed-catalogue.html");

        assertThat(report.errors()).containsExactly(
            java.util.Map.entry("j.n.ConnectException: finishConnect(..) failed with error(-111): Connection refused", 40L),
            java.util.Map.entry("event detail: No attribute named 'found' is defined", 20L),
            java.util.Map.entry("next page: No attribute named 'cursor' is defined", 20L));
        assertThat(report.steps()).extracting(GatlingReport.Step::name, GatlingReport.Step::total, GatlingReport.Step::ko)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("list events", 20L, 20L), org.assertj.core.groups.Tuple.tuple("search", 20L, 20L));
    }
}
