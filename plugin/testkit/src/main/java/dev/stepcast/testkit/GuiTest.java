package dev.stepcast.testkit;

import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * JUnit 5 base for AssertJ-Swing GUI tests, the counterpart of AssertJ-Swing's JUnit 4 {@code AssertJSwingJUnitTestCase}.
 *
 * <ul>
 *   <li>installs {@link FailOnThreadViolationRepaintManager} once per JVM, so a test fails when Swing is touched off
 *       the event dispatch thread;</li>
 *   <li>installs {@link WindowPlacementFix} once per JVM: under Xvfb without a window manager, a packed, placed, then
 *       shown window is sometimes not where Java thinks, and the robot's clicks on it are lost;</li>
 *   <li>creates a fresh robot per test with {@link BasicRobot#robotWithNewAwtHierarchy()} (it only sees windows shown
 *       after it was created);</li>
 *   <li>calls {@link #onSetUp()} after the robot exists, and {@link #onTearDown()} then {@code robot.cleanUp()} after
 *       each test — the robot is cleaned up (windows disposed, mouse buttons released) even when the test or
 *       {@code onTearDown} fails.</li>
 * </ul>
 * Build windows in {@code onSetUp} with {@link Edt#query} / {@link Edt#run} (which use {@code GuiActionRunner.execute}).
 * Do not use AssertJ-Swing finders (e.g. {@code window.label("x")}) inside {@code Edt.query}: they wait for the EDT
 * themselves.
 *
 * <p>Run such tests with Surefire's {@code <argLine>--add-opens java.base/java.util=ALL-UNNAMED</argLine>}:
 * AssertJ-Swing's window monitor reads {@code java.util.TimerTask.state} by reflection, and on Java 17 logs an
 * {@code InaccessibleObjectException} for every window without it.
 *
 * <p><b>Threads:</b> the JUnit methods run on the test thread (not the EDT); touch Swing only through {@link Edt}.
 */
public abstract class GuiTest {

    private static boolean repaintManagerInstalled;

    private Robot robot;

    /**
     * Installs the thread-violation repaint manager and the {@link WindowPlacementFix} once per JVM.
     */
    @BeforeAll
    static synchronized void installRepaintManagerOnce() {
        if (!repaintManagerInstalled) {
            FailOnThreadViolationRepaintManager.install();
            WindowPlacementFix.install();
            repaintManagerInstalled = true;
        }
    }

    @BeforeEach
    final void createRobotAndSetUp() throws Exception {
        robot = BasicRobot.robotWithNewAwtHierarchy();
        onSetUp();
    }

    @AfterEach
    final void tearDownAndCleanUpRobot() throws Exception {
        try {
            onTearDown();
        } finally {
            Robot r = robot;
            robot = null;
            if (r != null) {
                r.cleanUp();
            }
        }
    }

    /** The robot of the current test; created before {@link #onSetUp()}, cleaned up after {@link #onTearDown()}. */
    protected final Robot robot() {
        if (robot == null) {
            throw new IllegalStateException("the robot exists only between onSetUp and onTearDown");
        }
        return robot;
    }

    /** Builds the windows of a test (called on the test thread once the robot exists). Default: nothing. */
    protected void onSetUp() throws Exception {
    }

    /** Releases what {@link #onSetUp()} made, before the robot is cleaned up. Default: nothing. */
    protected void onTearDown() throws Exception {
    }
}
