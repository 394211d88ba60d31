package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailsTest {

    @Test
    void caseAndCompatibilityFormsMeetAtOneSpelling() {
        assertThat(Emails.canonical(" Ｖｉｃｔｉｍ@EXAMPLE.com ")).isEqualTo("victim@example.com");
        assertThat(Emails.canonical("\uD835\uDC2Fictim@example.com")).isEqualTo("victim@example.com");
        assertThat(Emails.canonical("\u212Aate@example.com")).isEqualTo("kate@example.com");
        assertThat(Emails.canonical("STRASSE@example.com")).isEqualTo(Emails.canonical("straße@example.com"));
    }

    @Test
    void anAccentIsKept() {
        assertThat(Emails.canonical("vìctim@example.com")).isNotEqualTo(Emails.canonical("victim@example.com"));
        assertThat(Emails.canonical("vi\u0300ctim@example.com")).isEqualTo(Emails.canonical("vìctim@example.com"));
    }

    /** The migration relies on it: a canonical spelling is its own canonical spelling, for every code point. */
    @Test
    void theCanonicalSpellingOfACanonicalSpellingIsItself() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                continue;
            }
            String email = "a" + Character.toString(codePoint) + "b@example.com";
            String canonical = Emails.canonical(email);
            assertThat(Emails.canonical(canonical)).as("U+%04X", codePoint).isEqualTo(canonical);
        }
    }
}
