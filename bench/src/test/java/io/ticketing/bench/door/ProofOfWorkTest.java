package io.ticketing.bench.door;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProofOfWorkTest {

    /** sha256sum of "door-test:433" begins 00bf: 8 zero bits, then a one; no counter below it has 8. */
    @Test
    void aCounterSolvesUpToItsDigestsLeadingZeroBits() {
        assertThat(ProofOfWork.solves("door-test", "433", 8)).isTrue();
        assertThat(ProofOfWork.solves("door-test", "433", 9)).isFalse();
        assertThat(ProofOfWork.solves("door-test", "432", 0)).isTrue();
    }

    @Test
    void solvingAnswersTheFirstCounterFromZeroUp() {
        assertThat(ProofOfWork.solve("door-test", 8)).isEqualTo("433");
    }

    @Test
    void zeroBitsAreCountedWithinAByte() {
        byte[] digest = {0x00, 0x1f, (byte) 0xff};

        assertThat(ProofOfWork.startsWithZeroBits(digest, 11)).isTrue();
        assertThat(ProofOfWork.startsWithZeroBits(digest, 12)).isFalse();
    }
}
