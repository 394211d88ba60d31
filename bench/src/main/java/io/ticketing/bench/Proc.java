package io.ticketing.bench;

import java.util.regex.Pattern;

/**
 * What the benchmarks read from Linux's {@code /proc}, parsed from the files' text alone so that
 * the parsing is tested without any process to look at.
 */
final class Proc {

    /**
     * The unit of {@code /proc}'s CPU times (USER_HZ, {@code getconf CLK_TCK}): the kernel reports
     * them to user space in hundredths of a second whatever its own tick rate.
     */
    static final int TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /**
     * CPU time of a whole process, every thread included (utime + stime, fields 14 and 15), from
     * the text of {@code /proc/<pid>/stat}. The second field, the command name in parentheses, may
     * itself hold spaces and parentheses, so the fields are counted from the last ')'.
     */
    static long processTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("Not the text of /proc/<pid>/stat: " + stat);
        }
        // After the name come the fields from the third on: state is [0], utime (14) is [11].
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU time the whole machine spent busy, every core added up, from the first line of
     * {@code /proc/stat} ({@code cpu user nice system idle iowait irq softirq steal …}): all but
     * idle and iowait. Guest time is already inside user and nice, so it is not added again.
     */
    static long machineBusyTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            throw new IllegalArgumentException("Not the first line of /proc/stat: " + cpuLine);
        }
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    /** Resident memory of a process in KiB, the {@code VmRSS} line of {@code /proc/<pid>/status}. */
    static long residentKib(String status) {
        return status.lines().filter(line -> line.startsWith("VmRSS:")).findFirst()
            .map(line -> Long.parseLong(line.replaceAll("\\D+", "")))
            .orElseThrow(() -> new IllegalArgumentException("No VmRSS line: not the text of /proc/<pid>/status of a live process"));
    }

    /**
     * Whether a redis-server's command line (NULs as separators, or the title it sets itself, such
     * as {@code redis-server 127.0.0.1:6379}) says it listens on {@code port}: one machine may run
     * several, a cluster's nodes beside the standalone server the service uses.
     */
    static boolean redisListensOn(String cmdline, int port) {
        return Pattern.compile("(^|[\\s:\\x00])" + port + "($|[\\s\\x00])").matcher(cmdline).find();
    }
}
