package io.ticketing.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list. {@code nextCursor} is null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells whether
     * another page exists, which spares a COUNT query.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
