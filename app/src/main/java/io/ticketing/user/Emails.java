package io.ticketing.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one spelling of an email that its account is stored under and that every sign-in limit and
 * slow-down counts: Unicode-normalised (NFKC, so a full-width or ligature spelling is its plain
 * one) and case-folded (upper then lower case, so {@code ß}, {@code ẞ} and {@code SS} meet at
 * {@code ss}). The database compares it byte for byte ({@code utf8mb4_bin}): two spellings that
 * differ here are two accounts, and two that do not are one. An accent is not folded away:
 * {@code vìctim@example.com} is another mailbox than {@code victim@example.com}, and the
 * database no longer treats them as one either.
 */
final class Emails {

    private static final int MAX_ROUNDS = 4;

    private Emails() {
    }

    /**
     * Folds until nothing changes, so that the canonical spelling of a canonical spelling is itself
     * (which the migration relies on): one round is not always enough, {@code ẞ} lower-cases to
     * {@code ß}, whose upper case is {@code SS}. No code point needs more than two rounds (EmailsTest);
     * the bound keeps any input from looping.
     */
    static String canonical(String email) {
        String spelling = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
        String before = null;
        for (int round = 0; round < MAX_ROUNDS && !spelling.equals(before); round++) {
            before = spelling;
            spelling = Normalizer.normalize(spelling.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        }
        return spelling;
    }
}
