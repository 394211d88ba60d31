package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * HeaderChars must allow exactly what Spring Security's strict firewall allows by default: both are
 * asked about the same text, so a change upstream fails here rather than going unnoticed.
 */
class HeaderCharsTest {

    private static final Predicate<String> SPRING_NAMES = StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES;
    private static final Predicate<String> SPRING_VALUES = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES;

    @Test
    void namesAllowEveryCodePointTheFirewallAllows() {
        assertThat(disagreements(HeaderChars::nameAllowed, SPRING_NAMES)).isEmpty();
    }

    @Test
    void valuesAllowEveryCodePointTheFirewallAllows() {
        assertThat(disagreements(HeaderChars::valueAllowed, SPRING_VALUES)).isEmpty();
    }

    @Test
    void agreeWithTheFirewallOnManyGeneratedStrings() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            String text = generated(random);
            if (HeaderChars.nameAllowed(text) != SPRING_NAMES.test(text) || HeaderChars.valueAllowed(text) != SPRING_VALUES.test(text)) {
                differ.add(text.codePoints().mapToObj(Integer::toHexString).toList().toString());
            }
        }
        assertThat(differ).isEmpty();
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
    }

    @Test
    void anAbsentHeaderPassesAsInTheFirewall() {
        assertThat(HeaderChars.nameAllowed(null)).isEqualTo(SPRING_NAMES.test(null)).isTrue();
        assertThat(HeaderChars.valueAllowed(null)).isEqualTo(SPRING_VALUES.test(null)).isTrue();
    }

    /** Up to 12 chars, mostly printable ASCII, some controls, tabs, unassigned code points and lone surrogate halves. */
    private static String generated(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(13);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append('\t');
                case 2 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 3 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    /** The code points on which HeaderChars and the firewall disagree, each alone in a string. */
    private static List<Integer> disagreements(Predicate<String> ours, Predicate<String> spring) {
        List<Integer> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = Character.toString(c);
            if (ours.test(text) != spring.test(text)) {
                differ.add(c);
            }
        }
        return differ;
    }
}
