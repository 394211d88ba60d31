package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import io.ticketing.config.Digests;
import io.ticketing.security.AuthProperties;

class AccessCodesTest {

    private static final AuthProperties.SlowDown SLOW_DOWN =
        new AuthProperties.SlowDown(5, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15), 20, Duration.ofDays(30));

    private final AccessCodes codes = codes(null);

    @Test
    void aCodeIsSixteenBase32CharactersInGroupsOfFour() {
        assertThat(codes.single(7, 0)).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
    }

    @Test
    void theSameLaneAndIndexDeriveTheSameCode() {
        assertThat(codes(null).single(7, 3)).isEqualTo(codes.single(7, 3));
    }

    @Test
    void eachIndexAndLaneHasItsOwnCode() {
        assertThat(codes.single(7, 3)).isNotEqualTo(codes.single(7, 4)).isNotEqualTo(codes.single(8, 3));
    }

    @Test
    void anotherSecretDerivesOtherCodes() {
        assertThat(codes("another-secret-of-at-least-32-bytes-0123456789").single(7, 3)).isNotEqualTo(codes.single(7, 3));
    }

    @Test
    void theGeneratedSharedCodeIsNoSingleUseCode() {
        assertThat(codes.generatedShared(7)).matches("[A-Z2-7-]{19}").isNotEqualTo(codes.single(7, 0));
    }

    @Test
    void normalizingDropsDashesAndSpacesAndIgnoresCase() {
        assertThat(AccessCodes.normalize(" abcd-ef23 ghij\t")).isEqualTo("ABCDEF23GHIJ");
    }

    @Test
    void theStoredHashIsTheSha256OfTheNormalizedCode() {
        assertThat(AccessCodes.hash("abcd-efgh")).isEqualTo(Digests.sha256("ABCDEFGH")).isEqualTo(AccessCodes.hash("ABCDEFGH"));
    }

    private static AccessCodes codes(String secret) {
        return new AccessCodes(new AuthProperties(secret, Duration.ofHours(1), 4, 1, 10, "admin@example.com", null, SLOW_DOWN,
            DataSize.ofMegabytes(32)));
    }
}
