package io.ticketing.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

final class EventFixtures {

    private EventFixtures() {
    }

    /** An event on sale now, starting {@code daysAhead} days from now. */
    static Map<String, Object> event(String name, int daysAhead, List<Map<String, Object>> sections) {
        Instant startsAt = Instant.now().plus(daysAhead, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return Map.of(
            "name", name,
            "venue", "Test Arena",
            "startsAt", startsAt.toString(),
            "salesOpenAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
            "salesCloseAt", startsAt.minus(1, ChronoUnit.HOURS).toString(),
            "sections", sections);
    }

    static Map<String, Object> section(String name, int rows, int seatsPerRow) {
        return Map.of("name", name, "rows", rows, "seatsPerRow", seatsPerRow);
    }
}
