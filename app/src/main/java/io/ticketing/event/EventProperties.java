package io.ticketing.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event catalogue.
 *
 * @param maxSeatsPerEvent largest venue an admin may create in one request
 * @param detailCacheTtl   how long an event's detail (with its live counts) may be served from Redis
 * @param saleCacheTtl     how long an instance keeps an event's sale window and seats left in memory,
 *                         for the waiting room's hot paths
 * @param defaultPageSize  page size when a listing is asked for without {@code limit}
 * @param maxPageSize      largest {@code limit} a listing accepts
 * @param firstPageTtl     how long an instance serves the listing's first page (no search, no cursor) from memory:
 *                         everyone's landing page, the same for all, otherwise one database query per visit
 * @param maxCatalogueQueries catalogue queries for visitors (searches, later pages, seat listings) this instance runs
 *                         at once; more answer 503 at once. Anyone may send them without an account, so they get a
 *                         share of the database pool ({@code DB_POOL_MAX}, 20) and never all of it: the holds of a
 *                         sale keep the rest
 */
@ConfigurationProperties("ticketing.events")
record EventProperties(
    @DefaultValue("200000") int maxSeatsPerEvent,
    @DefaultValue("2s") Duration detailCacheTtl,
    @DefaultValue("1s") Duration saleCacheTtl,
    @DefaultValue("20") int defaultPageSize,
    @DefaultValue("100") int maxPageSize,
    @DefaultValue("1s") Duration firstPageTtl,
    @DefaultValue("8") int maxCatalogueQueries) {
}
