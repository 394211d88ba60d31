package io.ticketing.door;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.ProofOfWorkSolver;

class ProofOfWorkTest {

    /** Worked out apart (Python's hashlib): SHA-256("abc:0") = 5f36… (1 zero bit), ("abc:4959") = 0007… (13). */
    @Test
    void countsTheLeadingZeroBitsOfTheHashOfChallengeColonCounter() {
        assertThat(ProofOfWork.leadingZeroBits("abc", "0")).isEqualTo(1);
        assertThat(ProofOfWork.leadingZeroBits("abc", "4959")).isEqualTo(13);
    }

    @Test
    void solvingFindsTheFirstCounterThatMeetsTheDifficulty() {
        assertThat(ProofOfWorkSolver.solve("abc", 12)).isEqualTo("4959");
    }

    @Test
    void aCounterSolvesEveryDifficultyUpToItsZeroBitsAndNoneAbove() {
        String counter = ProofOfWorkSolver.solve("challenge", 12);
        int zeros = ProofOfWork.leadingZeroBits("challenge", counter);

        assertThat(zeros).isGreaterThanOrEqualTo(12);
        assertThat(ProofOfWork.solves("challenge", counter, zeros)).isTrue();
        assertThat(ProofOfWork.solves("challenge", counter, zeros + 1)).isFalse();
    }

    @Test
    void aSolutionIsBoundToItsChallenge() {
        String counter = ProofOfWorkSolver.solve("one challenge", 16);

        assertThat(ProofOfWork.solves("another challenge", counter, 16)).isFalse();
    }

    @Test
    void anyCounterSolvesZeroBits() {
        assertThat(ProofOfWork.solves("x", "123", 0)).isTrue();
        assertThat(ProofOfWorkSolver.solve("x", 0)).isEqualTo("0");
    }

    @Test
    void theInputIsUtf8SoNonAsciiChallengesHashAsBrowsersHashThem() {
        // TextEncoder in the browser encodes UTF-8: é is two bytes. SHA-256 of UTF-8 "é:3" is 032d… (6 zero
        // bits); of its one Latin-1 byte, f737… (none).
        assertThat(ProofOfWork.leadingZeroBits("é", "3")).isEqualTo(6);
    }
}
