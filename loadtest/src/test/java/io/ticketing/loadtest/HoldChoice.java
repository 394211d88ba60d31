package io.ticketing.loadtest;

/** What a buyer does with the seats they hold: some give them back, some walk away, most buy. */
enum HoldChoice {
    /** Cancels the hold: its seats are free again at once. */
    CANCEL,
    /** Walks away: the seats come back when the hold expires. */
    ABANDON,
    CONFIRM;

    /** The choice for a uniform draw {@code r} in [0, 1), cancelling with {@code cancelShare}, walking away with {@code abandonShare}. */
    static HoldChoice draw(double r, double cancelShare, double abandonShare) {
        if (r < cancelShare) {
            return CANCEL;
        }
        return r < cancelShare + abandonShare ? ABANDON : CONFIRM;
    }
}
