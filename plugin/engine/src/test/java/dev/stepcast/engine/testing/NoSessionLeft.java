package dev.stepcast.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.engine.onnx.NativeResources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(NoSessionLeft.class)}: each test of the class ends with as many open ONNX Runtime sessions as it
 * began with ({@link NativeResources}), whether it passed or threw.
 *
 * <p><b>Threads:</b> JUnit's test thread.
 */
public final class NoSessionLeft implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoSessionLeft.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("sessions", NativeResources.openSessions());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        int before = context.getStore(NAMESPACE).get("sessions", Integer.class);
        assertThat(NativeResources.openSessions()).as(NativeResources.describe()).isEqualTo(before);
    }
}
