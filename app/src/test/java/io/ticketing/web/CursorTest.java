package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

class CursorTest {

    @Test
    void roundTripsItsValues() {
        String encoded = Cursor.encode("events-by-name", 42, "Rock \u001f & Roll");
        Cursor cursor = Cursor.decode(encoded, "events-by-name", 2);
        assertThat(cursor.number(0)).isEqualTo(42);
        assertThat(cursor.text(1)).isEqualTo("Rock \u001f & Roll");
    }

    @Test
    void cursorOfAnotherListingIsABadRequest() {
        String encoded = Cursor.encode("seats", 7);
        assertThatThrownBy(() -> Cursor.decode(encoded, "bookmarks", 1))
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void garbageIsABadRequest() {
        assertThatThrownBy(() -> Cursor.decode("%%%not-base64", "seats", 1))
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void nonNumericKeyIsABadRequest() {
        String encoded = Cursor.encode("seats", "abc");
        Cursor cursor = Cursor.decode(encoded, "seats", 1);
        assertThatThrownBy(() -> cursor.number(0)).isInstanceOf(ErrorResponseException.class);
    }
}
