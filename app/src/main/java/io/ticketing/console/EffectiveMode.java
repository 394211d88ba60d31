package io.ticketing.console;

/**
 * The mode a waiting room is in at a moment: the first scheduled window that holds it, else the
 * set mode, else RANDOM_AT_OPEN (the behaviour before modes existed). The schedule is the config
 * hash's {@code "MODE:fromMs:toMs,MODE:fromMs:toMs"}, each window from inclusive, to exclusive;
 * the same rule as shared/queue-mode.lua, which the admission scripts follow.
 */
final class EffectiveMode {

    static final String DEFAULT = "RANDOM_AT_OPEN";

    private EffectiveMode() {
    }

    static String at(String mode, String schedule, long nowMillis) {
        if (schedule != null && !schedule.isBlank()) {
            for (String window : schedule.split(",")) {
                String[] parts = window.strip().split(":");
                if (parts.length == 3 && holds(parts, nowMillis)) {
                    return parts[0];
                }
            }
        }
        return mode == null || mode.isBlank() ? DEFAULT : mode;
    }

    private static boolean holds(String[] window, long nowMillis) {
        try {
            return Long.parseLong(window[1]) <= nowMillis && nowMillis < Long.parseLong(window[2]);
        }
        catch (NumberFormatException malformed) {
            return false;
        }
    }
}
