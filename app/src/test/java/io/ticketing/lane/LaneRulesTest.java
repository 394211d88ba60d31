package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

class LaneRulesTest {

    private static final Instant OPENS = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aCountOfCodesMakesSingleUseCodes() {
        assertThat(LaneRules.checked(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(10, null, null)))).isEqualTo(CodeKind.SINGLE);
    }

    @Test
    void aCapOnUsesMakesASharedCodeEvenWithoutTheCode() {
        assertThat(LaneRules.checked(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(null, null, 50)))).isEqualTo(CodeKind.SHARED);
    }

    @Test
    void theLaneMustOpenBeforeItCloses() {
        assertRejected(lane(CLOSES, CLOSES, CLOSES, new NewLane.Codes(10, null, null)), "opensAt must be before closesAt");
    }

    @Test
    void unsoldSeatsCannotReturnBeforeTheLaneCloses() {
        assertRejected(lane(OPENS, CLOSES, OPENS, new NewLane.Codes(10, null, null)), "returnsUnsoldAt must not be before closesAt");
    }

    @Test
    void bothKindsOfCodesAtOnceAreRejected() {
        assertRejected(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(10, "FANCLUB", 50)), "codes must be either");
    }

    @Test
    void noKindOfCodesIsRejected() {
        assertRejected(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(null, null, null)), "codes must be either");
    }

    @Test
    void aSharedCodeNeedsItsCapOnUses() {
        assertRejected(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(null, "FANCLUB", null)), "codes.maxUses is required");
    }

    @Test
    void dashesDoNotCountTowardsASharedCodesLength() {
        assertRejected(lane(OPENS, CLOSES, CLOSES, new NewLane.Codes(null, "ab-c-d-e", 5)), "at least 6 letters or digits");
    }

    @Test
    void sectionsTheEventHasAreAccepted() {
        assertThatCode(() -> LaneRules.checkSections(List.of("B", "A", "B"), List.of("A", "B", "C"))).doesNotThrowAnyException();
    }

    @Test
    void noSectionsMeanTheWholeVenue() {
        assertThatCode(() -> LaneRules.checkSections(null, List.of("A"))).doesNotThrowAnyException();
    }

    @Test
    void eachSectionTheEventLacksIsNamedOnce() {
        assertThatThrownBy(() -> LaneRules.checkSections(List.of("A", "Y", "Z", "Y"), List.of("A", "B")))
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                assertThat(e.getStatusCode().value()).isEqualTo(400);
                assertThat(e.getBody().getDetail()).isEqualTo("The event has no section Y, Z; its sections are A, B");
            });
    }

    private static NewLane lane(Instant opens, Instant closes, Instant returns, NewLane.Codes codes) {
        return new NewLane("Fan club", opens, closes, returns, 10, null, codes);
    }

    private static void assertRejected(NewLane lane, String detail) {
        assertThatThrownBy(() -> LaneRules.checked(lane)).isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getBody().getDetail()).contains(detail));
    }
}
