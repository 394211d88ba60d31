package io.ticketing.security;

/**
 * The characters Spring Security's {@code StrictServerWebExchangeFirewall} allows in header names
 * and values by default, checked by a loop instead of its regular expressions. The firewall checks
 * every header a request reads, and the expressions showed in every hold's profile
 * (docs/benchmarks.md). HeaderCharsTest asks the firewall's own predicates about every code point
 * and many generated strings, so a change in its rules is noticed.
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
