package io.ticketing.lane;

/** A lane's codes: a batch of single-use codes, each bound to its first account, or one code shared up to a cap. */
enum CodeKind {
    SINGLE, SHARED
}
