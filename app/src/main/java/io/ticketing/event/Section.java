package io.ticketing.event;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record Section(
    @NotBlank @Size(max = 50) String name,
    @Min(1) @Max(1000) int rows,
    @Min(1) @Max(1000) int seatsPerRow) {

    int seats() {
        return rows * seatsPerRow;
    }
}
