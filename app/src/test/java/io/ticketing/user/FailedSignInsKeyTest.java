package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.system.Digests;

/** Pinned: an email, user input, is hashed into its failures' key, so no brace of it can reshape the hash tag. */
class FailedSignInsKeyTest {

    @Test
    void anEmailIsHashedIntoItsKey() {
        assertThat(FailedSignIns.key("a}b{c@example.com"))
            .matches("\\{sign-in:[0-9a-f]{64}\\}:failures")
            .isEqualTo("{sign-in:" + Digests.sha256("a}b{c@example.com") + "}:failures");
    }
}
