package io.ticketing.event;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What an admin sends to create an event. Cross-field rules live in {@link EventService}. */
record NewEvent(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 200) String venue,
    @NotNull Instant startsAt,
    @NotNull Instant salesOpenAt,
    @NotNull Instant salesCloseAt,
    @NotEmpty @Size(max = 100) List<@Valid @NotNull Section> sections) {
}
