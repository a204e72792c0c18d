package dev.stepcast.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepcast.host.EditorHost;
import dev.stepcast.host.HostActivityListener;
import dev.stepcast.testkit.Edt;
import dev.stepcast.testkit.Waits;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin loaded in its own class loader (as the host stub loads a plugin jar: a loader whose parent is the host's)
 * can be unloaded: after start, one generation and stop, no {@code stepcast-*} thread is left and, once every reference
 * is dropped, the loader is collected (nothing static — an executor, a thread, a cache — pins it).
 *
 * <p>Stepcast's own classes ({@code dev.stepcast.*} except the host port and the test kit) are defined by the plugin's
 * loader; the libraries (ONNX Runtime, whose native library can be loaded only once per JVM, Jackson, FlatLaf) come
 * from the parent, as the host's class path.
 *
 * <p><b>Threads:</b> test thread; Swing through the driver.
 */
class PluginUnloadTest {

    @TempDir
    Path temp;

    @Test
    void should_let_the_plugin_class_loader_be_collected_after_start_generate_and_stop() throws Exception {
        WeakReference<ClassLoader> loaderRef = runPluginInOwnLoader();

        try {
            Waits.untilOffEdt("no stepcast-* thread left after stop", () -> stepcastThreads().isEmpty());
        } catch (RuntimeException | Error e) {
            throw new AssertionError("stepcast threads still alive after stop: " + stepcastThreads(), e);
        }
        flushJdkRecordMethodCaches();
        for (int i = 0; i < 40 && loaderRef.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 20];
            }
            assertThat(pressure[pressure.length - 1]).hasSize(1 << 20);
        }
        assertThat(loaderRef.get()).as("the plugin's class loader after stop and GC").isNull();
    }

    /** Everything that refers to the loader stays inside this frame. */
    private WeakReference<ClassLoader> runPluginInOwnLoader() throws Exception {
        initJdkAsAHostWould();
        // ONNX Runtime lives on the parent (its native library loads once per JVM, never per class loader). Its
        // environment registers a shutdown-hook thread when first created, and that thread keeps the protection
        // domains on the creating stack: created on the plugin's stack it would pin the plugin for good. The host
        // (here: the test, through its own copy of the class) creates it first, with Stepcast's logging settings.
        assertThat(dev.stepcast.engine.onnx.OrtEnvironments.get()).as("the ORT environment").isNotNull();
        PluginOnlyLoader loader = new PluginOnlyLoader(classPath(), PluginUnloadTest.class.getClassLoader());
        Class<?> driverClass = loader.loadClass(UnloadDriver.class.getName());
        assertThat(driverClass.getClassLoader()).as("the driver's loader").isSameAs(loader);
        assertThat(loader.loadClass("dev.stepcast.plugin.StepcastPlugin").getClassLoader())
                .as("the plugin's loader").isSameAs(loader);
        Object driver = driverClass.getConstructor().newInstance();
        call(driver, "start", new MinimalHost(temp.resolve("data")));
        try {
            Waits.untilOffEdt("the demo model is loaded", () -> (Boolean) call(driver, "modelLoaded"),
                    PanelGuiTest.MODEL_TIMEOUT);
            call(driver, "generate");
            try {
                Waits.untilOffEdt("one result in the history", () -> (Integer) call(driver, "finishedResults") == 1,
                        PanelGuiTest.GENERATION_TIMEOUT);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("no result in the loaded plugin; its message: " + call(driver, "message"), e);
            }
            assertThat(call(driver, "finishedResults")).as("results generated in the loaded plugin").isEqualTo(1);
        } finally {
            call(driver, "stop");
        }
        WeakReference<ClassLoader> ref = new WeakReference<>(loader);
        loader.close();
        return ref;
    }

    /**
     * JDK 17's records share {@code ObjectMethods}' method handles (equals, hashCode, toString), whose one-slot
     * {@code asTypeCache} keeps the last record type used, strongly (seen in the heap dump on JDK 17): after the plugin
     * compared one of its records it pins the plugin's loader until some other record's methods run. A host has other
     * records; this does what they would, so that only pins of Stepcast's own remain.
     */
    private static void flushJdkRecordMethodCaches() {
        Flush a = new Flush("a", 1);
        Flush b = new Flush("b", 2);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.hashCode()).isNotEqualTo(b.hashCode());
        assertThat(a.toString()).isEqualTo("Flush[text=a, number=1]");
    }

    private record Flush(String text, int number) {
    }

    /**
     * The JDK keeps some objects in statics, created by their first user, that keep the access-control context of
     * their creation — the protection domains, and so the class loaders, on the stack then: Swing's shared timers (the
     * spinners' arrow repeat, the tooltip manager) and ImageIO's registry of readers and writers. In a host these were
     * created by the host long before a plugin loads; here the test creates them first, so that the plugin does not.
     */
    private static void initJdkAsAHostWould() {
        Edt.run(() -> {
            javax.swing.JSpinner spinner = new javax.swing.JSpinner();
            spinner.updateUI();
            javax.swing.ToolTipManager.sharedInstance().registerComponent(spinner);
            javax.swing.ToolTipManager.sharedInstance().unregisterComponent(spinner);
        });
        assertThat(javax.imageio.ImageIO.getWriterFormatNames()).as("ImageIO's writers").contains("png");
    }

    private static Object call(Object driver, String method, Object... args) {
        try {
            for (java.lang.reflect.Method m : driver.getClass().getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    return m.invoke(driver, args);
                }
            }
            throw new IllegalArgumentException("no method " + method);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + " failed", e);
        }
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static List<String> stepcastThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("stepcast-")).sorted().toList();
    }

    /** Defines Stepcast's own classes itself (child first); the host port, the test kit and libraries come from the parent. */
    private static final class PluginOnlyLoader extends URLClassLoader {
        PluginOnlyLoader(URL[] urls, ClassLoader parent) {
            super("plugin:stepcast-test", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!isPluginClass(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private static boolean isPluginClass(String name) {
            return name.startsWith("dev.stepcast.") && !name.startsWith("dev.stepcast.host.")
                    && !name.startsWith("dev.stepcast.testkit.")
                    && !name.startsWith(PluginUnloadTest.class.getName());
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }

    /** A host without an editor window or image: enough to start the plugin and generate text-to-image. */
    private record MinimalHost(Path data) implements EditorHost {
        @Override
        public Window mainWindow() {
            return null;
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void addActivityListener(HostActivityListener listener) {
        }

        @Override
        public void removeActivityListener(HostActivityListener listener) {
        }

        @Override
        public Optional<BufferedImage> activeImage() {
            return Optional.empty();
        }

        @Override
        public Optional<Rectangle> selection() {
            return Optional.empty();
        }

        @Override
        public void addLayer(BufferedImage image, String name, int x, int y) {
        }

        @Override
        public void openDocument(BufferedImage image, String name) {
        }

        @Override
        public Path pluginDataFolder(String pluginId) {
            return data.resolve(pluginId);
        }

        @Override
        public void showMessage(MessageKind kind, String title, String text) {
        }
    }
}
