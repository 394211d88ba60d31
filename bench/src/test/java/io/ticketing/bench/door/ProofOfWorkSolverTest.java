package io.ticketing.bench.door;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.ProofOfWorkSolver;

/** The generator's solver, which also checks the browser's answers, against digests worked out apart. */
class ProofOfWorkSolverTest {

    /** sha256sum of "door-test:433" begins 00bf: 8 zero bits, then a one; no counter below it has 8. */
    @Test
    void aCounterSolvesUpToItsDigestsLeadingZeroBits() {
        assertThat(ProofOfWorkSolver.solves("door-test", "433", 8)).isTrue();
        assertThat(ProofOfWorkSolver.solves("door-test", "433", 9)).isFalse();
        assertThat(ProofOfWorkSolver.solves("door-test", "432", 0)).isTrue();
    }

    @Test
    void solvingAnswersTheFirstCounterFromZeroUp() {
        assertThat(ProofOfWorkSolver.solve("door-test", 8)).isEqualTo("433");
    }

    @Test
    void zeroBitsAreCountedWithinAByte() {
        byte[] digest = {0x00, 0x1f, (byte) 0xff};

        assertThat(ProofOfWorkSolver.startsWithZeroBits(digest, 11)).isTrue();
        assertThat(ProofOfWorkSolver.startsWithZeroBits(digest, 12)).isFalse();
    }
}
