package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** HeaderChars must allow exactly what Spring Security's firewall's expressions allow, character by character. */
class HeaderCharsTest {

    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void namesAllowEveryCodePointTheFirewallsExpressionAllows() {
        assertThat(disagreements(NAMES, false)).isEmpty();
    }

    @Test
    void valuesAllowEveryCodePointTheFirewallsExpressionAllows() {
        assertThat(disagreements(VALUES, true)).isEmpty();
    }

    @Test
    void oneBadCharacterAnywhereRefusesTheWhole() {
        assertThat(HeaderChars.valueAllowed("Bearer abc.def-ghi_~+/=")).isTrue();
        assertThat(HeaderChars.valueAllowed("Bearer abc\r\nX-Evil: 1")).isFalse();
        assertThat(HeaderChars.nameAllowed("Idempotency-Key")).isTrue();
        assertThat(HeaderChars.nameAllowed("Idempotency\u0000Key")).isFalse();
        assertThat(HeaderChars.nameAllowed("Tab\tName")).isFalse();
        assertThat(HeaderChars.valueAllowed("tab\tvalue")).isTrue();
        assertThat(HeaderChars.valueAllowed("\uD83C\uDFAB ticket")).as("a surrogate pair is one assigned code point").isTrue();
        assertThat(HeaderChars.valueAllowed("\uD83C")).as("a lone surrogate").isEqualTo(VALUES.matcher("\uD83C").matches());
    }

    @Test
    void anAbsentHeaderPassesAsInTheFirewall() {
        assertThat(HeaderChars.nameAllowed(null)).isTrue();
        assertThat(HeaderChars.valueAllowed(null)).isTrue();
    }

    /** The code points on which the loop and the expression disagree, each alone in a string. */
    private static List<Integer> disagreements(Pattern expression, boolean value) {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = Character.toString(c);
            boolean loop = value ? HeaderChars.valueAllowed(text) : HeaderChars.nameAllowed(text);
            if (loop != expression.matcher(text).matches()) {
                differ.add(c);
            }
        }
        return differ;
    }
}
