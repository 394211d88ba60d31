package io.ticketing.lane;

import java.util.List;

import io.ticketing.web.Problems;

/**
 * The rules of a new lane that one field cannot say alone. Whether its quota fits is up to the
 * seats still free, so the database answers that, in the insert's transaction ({@link LaneService}).
 */
final class LaneRules {

    static final int MAX_CODES = 100_000;
    static final int MAX_USES = 1_000_000;
    /** A shared code is at least this long once normalized, so '-' cannot pad a short one. */
    static final int MIN_SHARED_LENGTH = 6;

    private LaneRules() {
    }

    /** Which kind of codes {@code lane} asks for, or a 400 problem saying what is wrong. */
    static CodeKind checked(NewLane lane) {
        if (!lane.opensAt().isBefore(lane.closesAt())) {
            throw Problems.badRequest("opensAt must be before closesAt");
        }
        if (lane.returnsUnsoldAt().isBefore(lane.closesAt())) {
            throw Problems.badRequest("returnsUnsoldAt must not be before closesAt");
        }
        NewLane.Codes codes = lane.codes();
        boolean single = codes.count() != null;
        boolean shared = codes.maxUses() != null || codes.shared() != null;
        if (single == shared) {
            throw Problems.badRequest("codes must be either {count} or {shared, maxUses}, not both or neither");
        }
        if (single) {
            return CodeKind.SINGLE;
        }
        if (codes.maxUses() == null) {
            throw Problems.badRequest("codes.maxUses is required with a shared code");
        }
        if (codes.shared() != null && AccessCodes.normalize(codes.shared()).length() < MIN_SHARED_LENGTH) {
            throw Problems.badRequest("codes.shared must have at least " + MIN_SHARED_LENGTH + " letters or digits");
        }
        return CodeKind.SHARED;
    }

    /**
     * A 400 problem naming the requested sections the event does not have. Names are compared as
     * written: the event's section names are unique whatever their case, so an exact match is the
     * one section the seat query's (case-insensitive) IN finds too.
     */
    static void checkSections(List<String> requested, List<String> eventSections) {
        if (requested == null) {
            return;
        }
        List<String> unknown = requested.stream().filter(name -> !eventSections.contains(name)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw Problems.badRequest("The event has no section " + String.join(", ", unknown) + "; its sections are "
                + String.join(", ", eventSections));
        }
    }
}
