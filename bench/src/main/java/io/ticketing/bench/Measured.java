package io.ticketing.bench;

import java.util.List;

/**
 * One row of a benchmark's table: the load's figures over a measured window and the CPU
 * milliseconds per operation the service, mariadbd, redis-server and this JVM spent in it, then the
 * rest of the machine (NaN for a process not found).
 */
public record Measured(Result load, double[] cpuMsPerOp) {

    /** The load's columns, then the CPU's: one per process and "other", under a heading of their own. */
    private static final String LOAD = "%-36s %8s %6s %9s %8s %8s  ";
    private static final String CPU = "%8s %8s %8s %9s %8s";

    /** The benchmark's table: one row per measured window, and how to read its CPU columns. */
    public static void print(List<Measured> rows) {
        String heading = " cpu ms/op ";
        int cpuWidth = CPU.formatted("", "", "", "", "").length();
        int left = (cpuWidth - heading.length()) / 2;
        System.out.println();
        System.out.println(LOAD.formatted("", "", "", "", "", "") + "-".repeat(left) + heading
            + "-".repeat(cpuWidth - left - heading.length()));
        System.out.println(LOAD.formatted("scenario", "ops", "errors", "ops/s", "p50 ms", "p99 ms")
            + CPU.formatted("service", "mariadbd", "redis", "generator", "other"));
        rows.forEach(Measured::print);
        System.out.println("""
            cpu ms/op: CPU time (user + system, every thread, from /proc/<pid>/stat) a process spent in the measured window, over
              the window's operations. generator: this JVM, the load. other: the rest of the machine, the kernel's own work and
              whatever else ran. mariadbd and redis count every client's work too: measure on a quiet machine.""");
    }

    public double serviceCpuMsPerOp() {
        return cpuMsPerOp[0];
    }

    /** CPU of the service and its two back ends together: what an operation costs the deployment. */
    public double backendCpuMsPerOp() {
        return cpuMsPerOp[0] + cpuMsPerOp[1] + cpuMsPerOp[2];
    }

    private void print() {
        System.out.println(LOAD.formatted(load.name(), load.requests(), load.errors(), "%.0f".formatted(load.perSecond()),
            "%.2f".formatted(load.p50Ms()), "%.2f".formatted(load.p99Ms()))
            + CPU.formatted(ms(cpuMsPerOp[0]), ms(cpuMsPerOp[1]), ms(cpuMsPerOp[2]), ms(cpuMsPerOp[3]), ms(cpuMsPerOp[4])));
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : "%.3f".formatted(value);
    }
}
