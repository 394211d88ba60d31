package io.ticketing.reservation.hold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Picks n seats from free candidates in seat-map order: together in one row when possible. */
final class BestAvailable {

    private BestAvailable() {
    }

    /** Empty when there are fewer than n candidates. */
    static List<Long> pick(List<Seat> candidates, int n) {
        if (candidates.size() < n) {
            return List.of();
        }
        Map<String, List<Long>> rows = new LinkedHashMap<>();
        for (Seat seat : candidates) {
            List<Long> row = rows.computeIfAbsent(seat.section() + '\u0000' + seat.row(), k -> new ArrayList<>());
            row.add(seat.id());
            if (row.size() == n) {
                return row;
            }
        }
        return HoldRepository.ids(candidates.subList(0, n));
    }
}
