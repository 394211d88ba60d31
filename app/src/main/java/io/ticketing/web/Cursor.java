package io.ticketing.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key of the last row a client saw, tagged with the listing it
 * belongs to so that a cursor from one listing is refused by another. Clients must treat it as
 * an opaque string; anything that does not decode is a 400, never a 500.
 */
public record Cursor(String kind, List<String> values) {

    private static final char SEPARATOR = '\u001f';

    public static String encode(String kind, Object... values) {
        StringBuilder raw = new StringBuilder(kind);
        for (Object value : values) {
            raw.append(SEPARATOR).append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded, String expectedKind, int arity) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw invalid();
        }
        // The limit keeps a separator inside the last value (a free-text sort key) from splitting it.
        List<String> parts = Arrays.asList(raw.split(String.valueOf(SEPARATOR), arity + 1));
        if (parts.size() != arity + 1 || !parts.get(0).equals(expectedKind)) {
            throw invalid();
        }
        return new Cursor(parts.get(0), List.copyOf(parts.subList(1, parts.size())));
    }

    public String text(int index) {
        return values.get(index);
    }

    public long number(int index) {
        try {
            return Long.parseLong(values.get(index));
        }
        catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static RuntimeException invalid() {
        return Problems.badRequest("Query parameter 'cursor' is not a cursor this listing issued; "
            + "pass the nextCursor value of the previous page unchanged");
    }
}
