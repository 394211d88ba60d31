package io.ticketing.resilience;

import io.r2dbc.spi.R2dbcException;
import reactor.util.retry.Retry;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * InnoDB may make any transaction the victim of a deadlock (a hold batch that claimed seats and a
 * confirmation that sells one of them, say): it rolls the victim back whole and tells the client to
 * run it again. Transactions that can meet others on the same rows do, at once, a few times,
 * rather than answer a buyer 503 for the database's own bookkeeping.
 */
public final class Deadlocks {

    /** MySQL's and MariaDB's codes: ER_LOCK_DEADLOCK, and ER_LOCK_WAIT_TIMEOUT, which the same advice covers. */
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    /** Runs a rolled-back victim again, up to three times. */
    public static final Retry RETRY = Retry.max(3).filter(Deadlocks::victim);

    private Deadlocks() {
    }

    /** Whether the failure is the database rolling this transaction back for a deadlock or a lock wait. */
    public static boolean victim(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (e instanceof R2dbcException r2dbc && (r2dbc.getErrorCode() == DEADLOCK || r2dbc.getErrorCode() == LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
