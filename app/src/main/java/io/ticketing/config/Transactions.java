package io.ticketing.config;

import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** Transactions at an isolation level other than the database's default; each caller says why it needs it. */
public final class Transactions {

    private Transactions() {
    }

    /** Transactions at READ COMMITTED: every read, locking or not, sees what committed before it. */
    public static TransactionalOperator readCommitted(ReactiveTransactionManager transactions) {
        DefaultTransactionDefinition readCommitted = new DefaultTransactionDefinition();
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return TransactionalOperator.create(transactions, readCommitted);
    }
}
