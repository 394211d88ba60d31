package io.ticketing;

import java.util.Map;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** At the end of the run, lists the contended library locks that {@link BlockingCallPolicy} let through, so none hides. */
public class BlockingCallsSummary implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<String, Long> tolerated = BlockingCalls.tolerated();
        if (!tolerated.isEmpty()) {
            StringBuilder text = new StringBuilder("BlockHound: contended library locks allowed on non-blocking threads (times):");
            tolerated.forEach((caller, count) -> text.append("\n  ").append(caller).append(" (").append(count).append(')'));
            System.out.println(text);
        }
    }
}
