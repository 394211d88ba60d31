package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EmailCollisionsTest {

    @Test
    void anEmailNotYetCanonicalIsRespelled() {
        EmailCollisions.Plan plan = EmailCollisions.plan(List.of(new EmailCollisions.Account(1, "ｖictim@example.com")));

        assertThat(plan.renames()).containsExactly(new EmailCollisions.Rename(1, "ｖictim@example.com", "victim@example.com"));
        assertThat(plan.collisions()).isEmpty();
    }

    @Test
    void theAccountAlreadySpelledCanonicallyKeepsItsEmail() {
        EmailCollisions.Plan plan = EmailCollisions.plan(List.of(
            new EmailCollisions.Account(1, "\uD835\uDC2Fictim@example.com"), new EmailCollisions.Account(2, "victim@example.com")));

        assertThat(plan.renames()).isEmpty();
        assertThat(plan.collisions()).containsExactly(
            new EmailCollisions.Collision(1, "\uD835\uDC2Fictim@example.com", "victim@example.com", 2));
    }

    @Test
    void withoutACanonicalSpellingTheOldestAccountKeepsIt() {
        EmailCollisions.Plan plan = EmailCollisions.plan(List.of(
            new EmailCollisions.Account(7, "ｖictim@example.com"), new EmailCollisions.Account(3, "\uD835\uDC2Fictim@example.com")));

        assertThat(plan.renames()).containsExactly(new EmailCollisions.Rename(3, "\uD835\uDC2Fictim@example.com", "victim@example.com"));
        assertThat(plan.collisions()).extracting(EmailCollisions.Collision::id, EmailCollisions.Collision::keptBy).containsExactly(
            org.assertj.core.groups.Tuple.tuple(7L, 3L));
    }

    @Test
    void anAccountSetAsideHasAPlaceholderNoCanonicalEmailEquals() {
        EmailCollisions.Collision collision = new EmailCollisions.Collision(7, "x@example.com", "x@example.com", 3);

        assertThat(Emails.canonical(collision.placeholder())).isNotEqualTo(collision.placeholder());
    }
}
