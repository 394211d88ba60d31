package io.ticketing.security;

/**
 * The characters Spring Security's {@code StrictServerWebExchangeFirewall} allows in header names
 * and values, checked by a loop instead of its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * and the same with a tab allowed in values). The firewall checks every header a request reads, and
 * the expressions showed in every hold's profile (docs/benchmarks.md); the rules are unchanged.
 */
final class HeaderChars {

    private HeaderChars() {
    }

    /** Every character assigned in Unicode and none a control character; null (no such header) passes, as in the firewall. */
    static boolean nameAllowed(String name) {
        return allowed(name, false);
    }

    /** As for names, and tabs. */
    static boolean valueAllowed(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!Character.isDefined(c) || (Character.isISOControl(c) && !(tab && c == '\t'))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
