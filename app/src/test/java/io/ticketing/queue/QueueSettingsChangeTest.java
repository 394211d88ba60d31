package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

/** The pure part of changing settings: what a change sets, and what a schedule may be. */
class QueueSettingsChangeTest {

    private static final Instant T = Instant.parse("2026-12-06T18:00:00Z");
    private final QueueSettings settings = new QueueSettings(50, 500, false, QueueMode.RANDOM_AT_OPEN, "Doors at seven", 0, List.of());

    @Test
    void aChangeSetsOnlyTheFieldsItGives() {
        QueueSettings changed = settings.with(new QueueSettings.Change(80, null, true, null, null, null));

        assertThat(changed).isEqualTo(new QueueSettings(80, 500, true, QueueMode.RANDOM_AT_OPEN, "Doors at seven", 0, List.of()));
    }

    @Test
    void aBlankMessageClearsTheMessage() {
        assertThat(settings.with(new QueueSettings.Change(null, null, null, null, "  ", null)).message()).isNull();
    }

    @Test
    void aMessageIsKeptWithoutSurroundingSpace() {
        assertThat(settings.with(new QueueSettings.Change(null, null, null, null, "  Back soon ", null)).message()).isEqualTo("Back soon");
    }

    @Test
    void theScheduleIsSortedByStart() {
        var late = new QueueSettings.ScheduledMode(QueueMode.CLOSED, T.plusSeconds(60), T.plusSeconds(120));
        var early = new QueueSettings.ScheduledMode(QueueMode.PASSTHROUGH, T, T.plusSeconds(60));

        assertThat(settings.withSchedule(List.of(late, early)).schedule()).containsExactly(early, late);
    }

    @Test
    void windowsThatTouchDoNotOverlap() {
        var first = new QueueSettings.ScheduledMode(QueueMode.QUEUE_ALL, T, T.plusSeconds(60));
        var second = new QueueSettings.ScheduledMode(QueueMode.FIFO, T.plusSeconds(60), T.plusSeconds(120));

        assertThat(settings.withSchedule(List.of(first, second)).schedule()).hasSize(2);
    }

    @Test
    void overlappingWindowsAreRefused() {
        var first = new QueueSettings.ScheduledMode(QueueMode.QUEUE_ALL, T, T.plusSeconds(61));
        var second = new QueueSettings.ScheduledMode(QueueMode.FIFO, T.plusSeconds(60), T.plusSeconds(120));

        assertThatThrownBy(() -> settings.withSchedule(List.of(first, second)))
            .isInstanceOf(ErrorResponseException.class).hasMessageContaining("must not overlap");
    }

    @Test
    void moreWindowsThanTheLimitAreRefused() {
        List<QueueSettings.ScheduledMode> many = java.util.stream.IntStream.rangeClosed(0, QueueSettings.MAX_WINDOWS)
            .mapToObj(i -> new QueueSettings.ScheduledMode(QueueMode.FIFO, T.plus(Duration.ofMinutes(i)), T.plus(Duration.ofMinutes(i + 1))))
            .toList();

        assertThatThrownBy(() -> settings.withSchedule(many)).isInstanceOf(ErrorResponseException.class).hasMessageContaining("at most");
    }

    @Test
    void theScheduleIsWrittenForTheScriptsAsModeAndMilliseconds() {
        var window = new QueueSettings.ScheduledMode(QueueMode.QUEUE_ALL, T, T.plusSeconds(60));

        assertThat(settings.withSchedule(List.of(window)).scheduleField())
            .isEqualTo("QUEUE_ALL:" + T.toEpochMilli() + ":" + T.plusSeconds(60).toEpochMilli());
    }
}
