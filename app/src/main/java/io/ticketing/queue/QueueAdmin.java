package io.ticketing.queue;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** Live figures of one event's waiting room, and its settings as the operators see them. */
@Service
class QueueAdmin {

    private final QueueFigures figures;
    private final QueueSettingsStore settings;

    QueueAdmin(QueueFigures figures, QueueSettingsStore settings) {
        this.figures = figures;
        this.settings = settings;
    }

    /** The figures, the settings, and the mode in force now (a scheduled one, or the one set). */
    Mono<QueueStats> stats(long eventId) {
        return Mono.zip(figures.read(eventId), settings.current(eventId))
            .map(t -> QueueStats.of(t.getT1(), t.getT2()));
    }

    /**
     * What an operator sees of the room. {@code mode} is the mode set; {@code effectiveMode} the one in
     * force now, which a scheduled window may override. {@code restored}: waiters and admissions put back
     * after Redis forgot them (docs/operations.md, "When Redis forgets").
     */
    record QueueStats(long waiting, long admitted, long active, long skipped, long restored, int admissionRatePerSecond, int maxActive,
                      boolean paused, QueueMode mode, QueueMode effectiveMode, String message, int challengeBits, List<QueueSettings.ScheduledMode> schedule) {

        static QueueStats of(QueueFigures.Room room, QueueSettings settings) {
            return new QueueStats(room.waiting(), room.admissions(), room.inside(), room.skipped(), room.restored(),
                settings.admissionRatePerSecond(), settings.maxActive(), settings.paused(), settings.mode(),
                QueueMode.valueOf(room.settings().effectiveMode()), settings.message(), settings.challengeBits(), settings.schedule());
        }
    }
}
