package io.ticketing.user;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What storing every account under its canonical email ({@link Emails}) does to accounts that
 * exist already: each keeps its email rewritten to the canonical spelling, unless several share one
 * canonical spelling. Then one of them keeps it (the one already spelled so, else the oldest) and
 * each other one is a collision: it is set aside under a placeholder no sign-in can spell (it has
 * capitals, which a canonical email never has) and reported, for an operator to merge or tell its
 * owner. Nothing is deleted. Pure: the migration ({@link CanonicalEmailMigration}) reads and writes.
 */
final class EmailCollisions {

    record Account(long id, String email) {
    }

    /** An account whose canonical email another account keeps. */
    record Collision(long id, String email, String canonical, long keptBy) {

        /** The email it is set aside under: canonical spellings are lower case, so none ever equals this. */
        String placeholder() {
            return "COLLISION-" + id + "@INVALID";
        }
    }

    /** An account whose email changes to its canonical spelling. */
    record Rename(long id, String from, String to) {
    }

    record Plan(List<Rename> renames, List<Collision> collisions) {
    }

    private EmailCollisions() {
    }

    static Plan plan(List<Account> accounts) {
        Map<String, List<Account>> byCanonical = new LinkedHashMap<>();
        for (Account account : accounts) {
            byCanonical.computeIfAbsent(Emails.canonical(account.email()), key -> new ArrayList<>()).add(account);
        }
        List<Rename> renames = new ArrayList<>();
        List<Collision> collisions = new ArrayList<>();
        byCanonical.forEach((canonical, group) -> {
            Account keeper = group.stream()
                .min(Comparator.comparing((Account account) -> !account.email().equals(canonical)).thenComparingLong(Account::id))
                .orElseThrow();
            if (!keeper.email().equals(canonical)) {
                renames.add(new Rename(keeper.id(), keeper.email(), canonical));
            }
            group.stream().filter(account -> account != keeper)
                .forEach(account -> collisions.add(new Collision(account.id(), account.email(), canonical, keeper.id())));
        });
        return new Plan(renames, collisions);
    }
}
