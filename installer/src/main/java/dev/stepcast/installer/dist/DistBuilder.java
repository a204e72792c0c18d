package dev.stepcast.installer.dist;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds the jpackage distribution from the run layout ({@code target/app}); run by the installer module's
 * {@code dist} profile in {@code package}. Two applications, each with its own trimmed Java runtime:
 * <ul>
 *   <li><b>Stepcast</b>: the standalone window + CLI ({@code stepcast.jar}), plus a second launcher
 *       {@code stepcast-install} for putting the plugin into a host;</li>
 *   <li><b>StepcastHostStub</b>: the host stub editor with the Stepcast plugin preinstalled in the {@code plugins}
 *       folder beside its jar (added to the app image after jpackage, so it is never on the host's class path).</li>
 * </ul>
 * Plugin jars in the images keep only this platform's ONNX Runtime natives ({@link NativeTrimmer}).
 * {@code type} {@code app-image} (default) stops at the images; any other jpackage type ({@code deb}, {@code rpm},
 * {@code msi}, {@code exe}, {@code dmg}, {@code pkg}) then packs each image into an installer of that type, which
 * must be built on that operating system.
 *
 * <p>Usage: {@code DistBuilder <app folder> <icons folder> <work folder> <dest folder> <version> <type>}.
 * Thread: main only.
 */
public final class DistBuilder {

    static final String STANDALONE_NAME = "Stepcast";
    static final String HOST_STUB_NAME = "StepcastHostStub";

    /**
     * Modules every image gets even if jdeps misses them (reflection, service providers, plugins of other hosts).
     * {@code java.instrument} (~100 KB) lets installer/src/test/sh/packaged-app-smoke.sh attach its probe agent to
     * the packaged app.
     */
    /**
     * The packaged launchers' JVM options: the same as {@code dev.stepcast.app.LauncherOptions} (a test keeps them
     * equal; that class is not on this tool's run-time class path). A heap ceiling (the serial collector for the standalone app, G1 with periodic collection for the host stub) keeps
     * the resident memory of a long session small ({@code stepcast bench memory}).
     */
    static final List<String> STANDALONE_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx320m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TieredStopAtLevel=1");
    static final List<String> HOST_STUB_JAVA_OPTIONS = List.of("-XX:+UseG1GC", "-Xmx1g",
            "-XX:G1PeriodicGCInterval=2000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    private static final List<String> BASE_MODULES = List.of("java.base", "java.desktop", "java.logging",
            "java.prefs", "java.xml", "jdk.unsupported", "java.management", "jdk.zipfs", "java.instrument");

    private final Path app;
    private final Path icons;
    private final Path work;
    private final Path dest;
    private final String version;
    private final String type;
    private final Os os = Os.current();

    DistBuilder(Path app, Path icons, Path work, Path dest, String version, String type) {
        this.app = app;
        this.icons = icons;
        this.work = work;
        this.dest = dest;
        this.version = version;
        this.type = type;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException("Usage: DistBuilder <app> <icons> <work> <dest> <version> <type>");
        }
        new DistBuilder(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4], args[5])
                .build();
    }

    void build() throws IOException {
        deleteRecursively(work);
        deleteRecursively(dest);
        Files.createDirectories(dest);
        Path images = dest.resolve("images");

        Path standaloneInput = stage("standalone", app.resolve("stepcast-install.jar"));
        trimmedCopy(app.resolve("stepcast.jar"), standaloneInput);
        Path launcherProps = work.resolve("stepcast-install.properties");
        Files.writeString(launcherProps, String.join(System.lineSeparator(),
                "main-jar=stepcast-install.jar",
                "main-class=dev.stepcast.installer.StepcastInstall",
                "description=Installs the Stepcast plugin into a host's plugins folder",
                "icon=" + icons.resolve("stepcast." + os.iconExtension),
                "win-console=true", ""));
        List<String> standalone = appImage(STANDALONE_NAME, standaloneInput, jarsIn(standaloneInput), "stepcast.jar",
                "dev.stepcast.cli.StepcastCommand", images);
        standalone.addAll(List.of("--add-launcher", "stepcast-install=" + launcherProps));
        jpackage(standalone);
        dropLargeHeapArchive(os.imageFolder(images, STANDALONE_NAME));

        Path hostInput = stage("host-stub", app.resolve("host-stub/stepcast-host-stub.jar"));
        // The plugin runs in the host's JVM: the host image's runtime needs the plugin's modules too. Plugin jars are
        // added to the image only after jpackage, so that they are not on the host's class path.
        List<Path> hostJars = new ArrayList<>(jarsIn(hostInput));
        hostJars.addAll(jarsIn(app.resolve("host-stub/plugins")));
        jpackage(appImage(HOST_STUB_NAME, hostInput, hostJars, "stepcast-host-stub.jar",
                "dev.stepcast.hoststub.HostStubMain", images));
        dropLargeHeapArchive(os.imageFolder(images, HOST_STUB_NAME));
        Path pluginsInImage = Files.createDirectories(os.appFolder(images, HOST_STUB_NAME).resolve("plugins"));
        for (Path plugin : jarsIn(app.resolve("host-stub/plugins"))) {
            trimmedCopy(plugin, pluginsInImage);
        }
        System.out.println("[dist] app images in " + images + "; Stepcast plugin preinstalled in " + pluginsInImage);

        if (!"app-image".equals(type)) {
            for (String name : List.of(STANDALONE_NAME, HOST_STUB_NAME)) {
                jpackage(installer(name, os.imageFolder(images, name)));
            }
            System.out.println("[dist] " + type + " installers in " + dest);
        }
    }

    /**
     * jlink writes a second archive for heaps over 32 GB (no compressed oops); the launchers cap the heap at 1 GB at
     * most, so it would only add 11 MB to each image.
     */
    private static void dropLargeHeapArchive(Path image) throws IOException {
        try (var files = Files.walk(image)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("classes_nocoops.jsa")).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<String> appImage(String name, Path input, List<Path> jarsForModules, String mainJar,
            String mainClass, Path images) throws IOException {
        List<String> args = new ArrayList<>(List.of("--type", "app-image", "--name", name,
                "--app-version", numericVersion(version), "--vendor", "Stepcast",
                "--description", name.equals(STANDALONE_NAME)
                        ? "Stable Diffusion image generation on ONNX Runtime" : "Small image editor with Stepcast",
                "--input", input.toString(), "--main-jar", mainJar,
                "--icon", icons.resolve("stepcast." + os.iconExtension).toString(),
                "--add-modules", String.join(",", modules(jarsForModules)),
                // --generate-cds-archive: the runtime gets the class-data-sharing archive a JDK has by default (JDK
                // classes pre-parsed and verified; without it every start parses them again). It runs the image's
                // own bin/java, so native commands stay (java and keytool, ~30 KB).
                "--jlink-options", "--strip-debug --no-man-pages --no-header-files --compress=2"
                        + " --generate-cds-archive",
                "--dest", images.toString()));
        args.addAll(List.of("--main-class", mainClass));
        for (String option : name.equals(STANDALONE_NAME) ? STANDALONE_JAVA_OPTIONS : HOST_STUB_JAVA_OPTIONS) {
            args.addAll(List.of("--java-options", option));
        }
        if (os == Os.MAC) {
            args.addAll(List.of("--mac-package-identifier", "dev.stepcast." + name.toLowerCase(Locale.ROOT)));
        }
        return args;
    }

    private List<String> installer(String name, Path image) {
        List<String> args = new ArrayList<>(List.of("--type", type, "--name", name,
                "--app-version", numericVersion(version), "--vendor", "Stepcast",
                "--app-image", image.toString(), "--dest", dest.toString()));
        switch (os) {
            case WINDOWS -> args.addAll(List.of("--win-menu", "--win-shortcut", "--win-dir-chooser",
                    "--win-menu-group", "Stepcast"));
            case LINUX -> args.addAll(List.of("--linux-shortcut", "--linux-menu-group", "Graphics",
                    "--icon", icons.resolve("stepcast.png").toString()));
            case MAC -> {
                // the .icns is already inside the app image
            }
        }
        return args;
    }

    /** jpackage wants 1 to 3 dot-separated integers: "0.1.0-SNAPSHOT" becomes "0.1.0". */
    static String numericVersion(String version) {
        Matcher matcher = Pattern.compile("^(\\d+(?:\\.\\d+){0,2})").matcher(version);
        return matcher.find() ? matcher.group(1) : "1.0";
    }

    /** The modules jdeps finds in the jars, plus {@link #BASE_MODULES}. */
    private static List<String> modules(List<Path> jars) throws IOException {
        TreeSet<String> modules = new TreeSet<>(BASE_MODULES);
        for (Path jar : jars) {
            String found = runTool("jdeps", "--print-module-deps", "--ignore-missing-deps",
                    "--multi-release", "17", jar.toString());
            String last = found.strip().lines().reduce((a, b) -> b).orElse("");
            if (last.matches("[\\w.,]+")) {
                modules.addAll(Arrays.asList(last.split(",")));
            } else {
                System.out.println("[dist] jdeps gave no module list for " + jar + "; using the base set");
            }
        }
        return new ArrayList<>(modules);
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private Path stage(String name, Path... jars) throws IOException {
        Path folder = Files.createDirectories(work.resolve(name));
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IOException("Missing " + jar + ": build the run layout first (mvn package).");
            }
            Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    private static void jpackage(List<String> args) throws IOException {
        System.out.println("[dist] jpackage " + String.join(" ", args));
        String output = runTool("jpackage", args.toArray(String[]::new));
        if (!output.isBlank()) {
            System.out.println(output.strip());
        }
    }

    private static String runTool(String name, String... args) throws IOException {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IOException(name + " not found: build with a full JDK 17+ (not a JRE)."));
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            int code = tool.run(out, out, args);
            out.flush();
            if (code != 0) {
                throw new IOException(name + " failed with exit code " + code + ":\n" + text);
            }
        }
        return text.toString();
    }

    /** Copies a plugin jar into {@code folder} keeping only this platform's ONNX Runtime natives. */
    private static void trimmedCopy(Path jar, Path folder) throws IOException {
        Path target = folder.resolve(jar.getFileName());
        NativeTrimmer.trim(jar, target, NativeTrimmer.currentPlatform());
        System.out.printf("[dist] %s: %,d bytes -> %,d bytes for %s%n", jar.getFileName(), Files.size(jar),
                Files.size(target), NativeTrimmer.currentPlatform());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Where jpackage puts things on each operating system. */
    enum Os {
        LINUX("png"), WINDOWS("ico"), MAC("icns");

        final String iconExtension;

        Os(String iconExtension) {
            this.iconExtension = iconExtension;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }

        /** The app image folder jpackage writes for {@code name}. */
        Path imageFolder(Path images, String name) {
            return images.resolve(this == MAC ? name + ".app" : name);
        }

        /** The folder holding the application jars inside an image (the main jar's folder). */
        Path appFolder(Path images, String name) {
            Path image = imageFolder(images, name);
            return switch (this) {
                case LINUX -> image.resolve("lib/app");
                case WINDOWS -> image.resolve("app");
                case MAC -> image.resolve("Contents/app");
            };
        }
    }
}
