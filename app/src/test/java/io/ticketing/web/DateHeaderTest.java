package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ticketing.IntegrationTest;

/**
 * Answers, problems, refusals (the position stream's too, served beneath the chain) and static
 * files all say when they were sent, by the service's clock.
 */
class DateHeaderTest extends IntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/events?limit=1", "/api/v1/events/999999999", "/api/v1/users/me", "/waiting-room.html",
        "/api/v1/events/1/queue/stream"})
    void responseCarriesTheServiceClocksDate(String path) {
        clock.advance(Duration.ofSeconds(5)); // apart from the machine's clock, so the header cannot come from it

        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String date = http.get().uri(path).exchange().expectBody().returnResult().getResponseHeaders().getFirst("Date");
        Instant after = clock.instant();

        assertThat(date).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isBetween(before, after);
    }
}
