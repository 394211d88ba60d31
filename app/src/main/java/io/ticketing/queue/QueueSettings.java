package io.ticketing.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.ticketing.web.Problems;

/**
 * An event's waiting-room settings as its operators set them; the database holds them and Redis a
 * copy for the room's scripts ({@link QueueSettingsStore}).
 *
 * @param message        shown to everyone waiting, and to arrivals turned away while {@link QueueMode#CLOSED}; null for none
 * @param challengeBits  leading zero bits an entry's proof of work must have; 0 turns the door off
 * @param schedule       modes set in advance for windows of the sale, by start, never overlapping
 */
record QueueSettings(int admissionRatePerSecond, int maxActive, boolean paused, QueueMode mode, String message, int challengeBits,
                     List<ScheduledMode> schedule) {

    /** Most windows one event's schedule may have: a sale has a few phases, not hundreds. */
    static final int MAX_WINDOWS = 50;

    QueueSettings {
        schedule = List.copyOf(schedule);
    }

    /** What an event nobody changed goes by. */
    static QueueSettings defaults(QueueProperties properties) {
        return new QueueSettings(properties.admissionRatePerSecond(), properties.maxActive(), false, QueueMode.DEFAULT, null, 0, List.of());
    }

    /** These settings with the fields {@code change} sets; an empty message clears it. */
    QueueSettings with(Change change) {
        String newMessage = change.message() == null ? message : change.message().isBlank() ? null : change.message().strip();
        return new QueueSettings(
            Objects.requireNonNullElse(change.admissionRatePerSecond(), admissionRatePerSecond),
            Objects.requireNonNullElse(change.maxActive(), maxActive),
            Objects.requireNonNullElse(change.paused(), paused),
            Objects.requireNonNullElse(change.mode(), mode),
            newMessage,
            Objects.requireNonNullElse(change.challengeBits(), challengeBits),
            schedule);
    }

    /**
     * These settings with {@code windows} as the whole schedule, sorted by start.
     *
     * @throws org.springframework.web.ErrorResponseException 400 when windows overlap, or are too many
     */
    QueueSettings withSchedule(List<ScheduledMode> windows) {
        if (windows.size() > MAX_WINDOWS) {
            throw Problems.badRequest("A schedule has at most " + MAX_WINDOWS + " windows, got " + windows.size());
        }
        List<ScheduledMode> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(ScheduledMode::from));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).from().isBefore(sorted.get(i - 1).to())) {
                throw Problems.badRequest("Scheduled windows must not overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        return new QueueSettings(admissionRatePerSecond, maxActive, paused, mode, message, challengeBits, sorted);
    }

    /** The schedule as the config hash keeps it for queue-mode.lua: {@code MODE:fromMs:toMs,...}. */
    String scheduleField() {
        return schedule.stream().map(w -> w.mode() + ":" + w.from().toEpochMilli() + ":" + w.to().toEpochMilli()).collect(Collectors.joining(","));
    }

    /** A change an operator asks for: only the fields given change. */
    record Change(
        @Min(0) @Max(100_000) Integer admissionRatePerSecond,
        @Min(0) @Max(10_000_000) Integer maxActive,
        Boolean paused,
        QueueMode mode,
        @Size(max = 500) @Pattern(regexp = "\\P{Cntrl}*", message = "must be one line of text without control characters") String message,
        @Min(0) @Max(32) Integer challengeBits) {
    }

    /** A mode in force from {@code from} (inclusive) to {@code to} (exclusive), whatever mode is set. */
    record ScheduledMode(@NotNull QueueMode mode, @NotNull Instant from, @NotNull Instant to) {

        /** @throws org.springframework.web.ErrorResponseException 400 for a window that ends before it starts */
        ScheduledMode checked() {
            if (!from.isBefore(to)) {
                throw Problems.badRequest("A scheduled window must end after it starts: from " + from + ", to " + to);
            }
            return this;
        }

        @Override
        public String toString() {
            return mode + " from " + from + " to " + to;
        }
    }
}
