package dev.stepcast.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

/**
 * Waits on a condition (never a fixed sleep), with AssertJ-Swing's {@link Pause#pause(Condition, Timeout)}: the
 * condition is polled until true, and the test fails with {@code description} when the timeout passes.
 *
 * <p><b>Threads:</b> call from the test thread. The condition is evaluated on the EDT, so it may read Swing state.
 */
public final class Waits {

    /** Timeout of {@link #until(String, BooleanSupplier)}: generous, for slow shared CI machines. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Waits() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code conditionOnEdt} is true. */
    public static void until(String description, BooleanSupplier conditionOnEdt) {
        until(description, conditionOnEdt, DEFAULT_TIMEOUT);
    }

    /**
     * Waits up to {@code timeout} until {@code conditionOnEdt} (evaluated on the EDT) is true.
     *
     * @throws org.assertj.swing.exception.WaitTimedOutError naming {@code description} when it does not come true
     */
    public static void until(String description, BooleanSupplier conditionOnEdt, Duration timeout) {
        Pause.pause(new Condition(description) {
            @Override
            public boolean test() {
                return Edt.query(conditionOnEdt::getAsBoolean);
            }
        }, Timeout.timeout(timeout.toMillis()));
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until {@code conditionOffEdt} is true, evaluating it on the test thread
     * (for conditions on files, threads or other non-Swing state).
     */
    public static void untilOffEdt(String description, BooleanSupplier conditionOffEdt) {
        untilOffEdt(description, conditionOffEdt, DEFAULT_TIMEOUT);
    }

    /** Waits up to {@code timeout} until {@code conditionOffEdt} is true, evaluating it on the test thread. */
    public static void untilOffEdt(String description, BooleanSupplier conditionOffEdt, Duration timeout) {
        Pause.pause(new Condition(description) {
            @Override
            public boolean test() {
                return conditionOffEdt.getAsBoolean();
            }
        }, Timeout.timeout(timeout.toMillis()));
    }
}
