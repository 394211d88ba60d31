package io.ticketing.queue;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.ticketing.door.Challenges;
import io.ticketing.web.Problems;

/**
 * The optional body of an entry: a presale lane's {@code accessCode}, which enters that lane's line
 * instead of the public one, and a solution of the door's challenge (GET .../queue/challenge), both
 * {@code challenge} and {@code counter} or neither. Only shapes are checked here; a wrong solution
 * is no client error (see {@link Challenges}), a wrong code is (see io.ticketing.lane.LaneCodes).
 */
record EntryBody(
    @Size(max = Challenges.MAX_LENGTH) String challenge,
    @Pattern(regexp = "[0-9]{1,20}", message = "must be a decimal number of at most 20 digits") String counter,
    @Size(min = 1, max = 100, message = "must be 1 to 100 characters") String accessCode) {

    static final EntryBody NONE = new EntryBody(null, null, null);

    EntryBody checked() {
        if ((challenge == null) != (counter == null)) {
            throw Problems.badRequest("A solution of the door's challenge needs both challenge and counter");
        }
        return this;
    }

    boolean solved() {
        return challenge != null;
    }
}
