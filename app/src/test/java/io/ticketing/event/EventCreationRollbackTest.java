package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ticketing.IntegrationTest;

class EventCreationRollbackTest extends IntegrationTest {

    @Autowired
    EventService events;

    @Autowired
    DatabaseClient db;

    /**
     * The second section's name is longer than its column, so the database rejects it after the
     * event row and the first section were written: the transaction must take those back too.
     */
    @Test
    void failedSectionInsertRollsBackTheWholeEvent() {
        String name = unique("Rollback");
        Instant startsAt = Instant.now().plus(30, ChronoUnit.DAYS);
        NewEvent request = new NewEvent(name, "Arena", startsAt, Instant.now(), startsAt.minus(1, ChronoUnit.HOURS),
            List.of(new Section("Floor", 2, 2), new Section("x".repeat(60), 1, 1)));

        events.create(request)
            .as(StepVerifier::create)
            .expectErrorMatches(e -> e.getMessage().contains("Data too long"))
            .verify();

        Long leftovers = db.sql("SELECT COUNT(*) FROM event WHERE name = :name").bind("name", name)
            .map(row -> row.get(0, Long.class)).one().block();
        assertThat(leftovers).isZero();
    }
}
