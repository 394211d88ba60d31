package io.ticketing.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.ticketing.queue.QueueFigures;
import io.ticketing.reservation.ReservationFigures;

/**
 * What the operator's console shows of one event (docs/console.md says where each figure comes
 * from). A block whose source did not answer is null; rates are null until there are two samples.
 */
record ConsoleStats(long eventId, Instant at, Line line, Totals totals, Rates rates, Seats seats, List<BurnPoint> burnDown,
                    WaitSeconds waitSeconds, Abandonment abandonment, Conversion conversion, Long lastWaiterEtaSeconds,
                    Settings settings, InstanceRollCall.Health health) {

    /** The stats of {@code sample}, its rates measured since {@code previous} (null: none yet). */
    static ConsoleStats of(Sample sample, Sample previous) {
        QueueFigures.Room room = sample.room();
        ReservationFigures.Totals reservations = sample.reservations();
        Totals totals = Totals.of(sample);
        Line line = room == null ? null : new Line(room.preQueue(), room.waiting(), room.admissions(), room.inside(), room.limbo());
        Seats seats = sample.seats() == null ? null
            : new Seats(sample.seats().total(), sample.seats().available(), sample.seats().held(), sample.seats().sold());
        WaitSeconds waits = room == null || room.waits().isEmpty() ? null
            : new WaitSeconds(WaitPercentiles.seconds(room.waits(), 0.5), WaitPercentiles.seconds(room.waits(), 0.99));
        Abandonment abandonment = new Abandonment(room == null ? null : room.skipped(), reservations == null ? null : reservations.holdsExpired());
        Conversion conversion = conversion(room, reservations);
        Settings settings = room == null ? null : Settings.of(room.settings());
        return new ConsoleStats(sample.eventId(), sample.at(), line, totals, Rates.between(previous, sample), seats, sample.burnDown(), waits,
            abandonment, conversion, eta(room), settings, sample.health());
    }

    private static Conversion conversion(QueueFigures.Room room, ReservationFigures.Totals reservations) {
        Long admitted = room == null ? null : room.admissions();
        Long buyers = reservations == null ? null : reservations.buyers();
        Double rate = admitted == null || buyers == null || admitted == 0 ? null : Math.round(1000.0 * buyers / admitted) / 1000.0;
        return new Conversion(admitted, buyers, rate);
    }

    /** When the last of those waiting now gets in at the set rate; null when nobody is let in (paused, rate 0). */
    private static Long eta(QueueFigures.Room room) {
        if (room == null || room.settings().paused() || room.settings().admissionRatePerSecond() <= 0) {
            return null;
        }
        return (room.waiting() + room.settings().admissionRatePerSecond() - 1) / room.settings().admissionRatePerSecond();
    }

    /** @param admitted admissions since the line opened; {@code inside} those still running */
    record Line(long preQueue, long waiting, long admitted, long inside, long limbo) {
    }

    /** Cumulative since the sale's waiting room began; holds and purchases are reservations, not seats. */
    record Totals(Long entries, Long admissions, Long holds, Long purchases) {

        static Totals of(Sample sample) {
            QueueFigures.Room room = sample.room();
            ReservationFigures.Totals reservations = sample.reservations();
            return new Totals(room == null ? null : room.entries(), room == null ? null : room.admissions(),
                reservations == null ? null : reservations.holds(), reservations == null ? null : reservations.purchases());
        }
    }

    record Rates(Double entriesPerSecond, Double admissionsPerSecond, Double holdsPerSecond, Double purchasesPerSecond) {

        /** The totals' growth per second from one sample to the next; null without an earlier sample. */
        static Rates between(Sample previous, Sample current) {
            if (previous == null) {
                return null;
            }
            double seconds = Duration.between(previous.at(), current.at()).toMillis() / 1000.0;
            if (seconds <= 0) {
                return null;
            }
            Totals before = Totals.of(previous);
            Totals now = Totals.of(current);
            return new Rates(rate(before, now, Totals::entries, seconds), rate(before, now, Totals::admissions, seconds),
                rate(before, now, Totals::holds, seconds), rate(before, now, Totals::purchases, seconds));
        }

        private static Double rate(Totals before, Totals now, Function<Totals, Long> figure, double seconds) {
            Long from = figure.apply(before);
            Long to = figure.apply(now);
            // A counter that went back (the room expired and began again) has no rate over that step.
            return from == null || to == null || to < from ? null : Math.round(10.0 * (to - from) / seconds) / 10.0;
        }
    }

    record Seats(int total, int available, int held, int sold) {
    }

    record BurnPoint(Instant at, int seatsLeft) {
    }

    record WaitSeconds(Double p50, Double p99) {
    }

    record Abandonment(Long skipped, Long holdsExpired) {
    }

    record Conversion(Long admitted, Long buyers, Double rate) {
    }

    record Settings(String mode, String effectiveMode, int admissionRatePerSecond, int maxActive, boolean paused, String message,
                    int challengeBits) {

        static Settings of(QueueFigures.Settings set) {
            return new Settings(set.mode(), set.effectiveMode(), set.admissionRatePerSecond(), set.maxActive(), set.paused(), set.message(),
                set.challengeBits());
        }
    }
}
