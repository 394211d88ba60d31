package io.ticketing.lane;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What an operator sends to add a lane. Cross-field rules live in {@link LaneRules}. The quota's
 * seats come from the public lane's free seats, in seat-map order: from the named {@code sections}
 * only when some are named, else from the whole venue.
 */
record NewLane(
    @NotBlank @Size(max = 100) String name,
    @NotNull Instant opensAt,
    @NotNull Instant closesAt,
    @NotNull Instant returnsUnsoldAt,
    @NotNull @Positive Integer quota,
    @Size(min = 1, max = 100) List<@NotBlank @Size(max = 50) String> sections,
    @NotNull @Valid Codes codes) {

    /**
     * Either {@code count} single-use codes, or one {@code shared} code (generated when omitted)
     * that {@code maxUses} accounts may redeem.
     */
    record Codes(
        @Min(1) @Max(LaneRules.MAX_CODES) Integer count,
        @Pattern(regexp = "[A-Za-z0-9-]{6,64}", message = "must be 6 to 64 letters, digits or '-'") String shared,
        @Min(1) @Max(LaneRules.MAX_USES) Integer maxUses) {
    }
}
