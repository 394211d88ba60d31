package io.ticketing.bookmark;

import java.time.Instant;

record BookmarkView(long eventId, String name, String venue, Instant startsAt, Instant bookmarkedAt) {
}
