package io.ticketing.queue;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.ticketing.door.Challenges;

/**
 * The optional body of an entry: a solution of the door's challenge (GET .../queue/challenge).
 * Only its shape is checked here; a wrong solution is no client error (see {@link Challenges}).
 */
record EntryProof(
    @NotNull @Size(max = Challenges.MAX_LENGTH) String challenge,
    @NotNull @Pattern(regexp = "[0-9]{1,20}", message = "must be a decimal number of at most 20 digits") String counter) {
}
