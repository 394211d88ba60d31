package io.ticketing.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The burn-down chart: seats not sold over the sale so far, at most {@code points} steps of equal
 * width from the opening, from the database's purchases, so that a console opened mid-sale shows
 * the whole sale; the newest point is the live seat count.
 */
final class BurnDown {

    private BurnDown() {
    }

    /** The width of one step when the sale opened at {@code opensAt}: whole seconds, at least one. */
    static Duration width(Instant opensAt, Instant now, int points) {
        long millis = Math.max(0, Duration.between(opensAt, now).toMillis());
        return Duration.ofSeconds(Math.max(1, (millis / 1000 + points - 1) / points));
    }

    /**
     * @param soldPerStep seats sold in each step since the opening (step n ends at opensAt + (n + 1) * width)
     * @param history     until when the steps were read: steps that end later are left to the live point
     */
    static List<ConsoleStats.BurnPoint> points(Instant opensAt, Duration width, Map<Long, Long> soldPerStep, Instant history, int total,
                                               Instant now, int soldNow) {
        List<ConsoleStats.BurnPoint> points = new ArrayList<>();
        if (now.isBefore(opensAt)) {
            points.add(new ConsoleStats.BurnPoint(now, total - soldNow));
            return points;
        }
        points.add(new ConsoleStats.BurnPoint(opensAt, total));
        long sold = 0;
        for (long step = 0; ; step++) {
            Instant end = opensAt.plus(width.multipliedBy(step + 1));
            if (end.isAfter(history) || end.isAfter(now)) {
                break;
            }
            sold += soldPerStep.getOrDefault(step, 0L);
            points.add(new ConsoleStats.BurnPoint(end, (int) Math.max(0, total - sold)));
        }
        points.add(new ConsoleStats.BurnPoint(now, total - soldNow));
        return points;
    }
}
