package dev.stepcast.installer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host's plugins folder, seen by the installer: installs, upgrades and removes the Stepcast plugin so that the
 * folder never holds two Stepcast versions at once.
 *
 * <p>Install order, chosen so a host that scans the folder at any moment sees either the old or the new version:
 * copy to a hidden temp file in the same folder (its name does not end in {@code .jar}, so hosts skip it), atomically
 * move it onto {@code stepcast-<version>.jar}, then delete every other Stepcast jar. If an old jar cannot be deleted
 * (Windows keeps jars of a running host locked), the new jar is removed again and the install fails, leaving the
 * old version alone. A Stepcast jar is recognised by its service registration ({@link PluginJar#read}), whatever
 * its name, and by the name {@code stepcast-<version>.jar}; nothing else in the folder is touched.
 *
 * <p>Thread: any, one operation at a time per folder (two installers racing on one folder are not coordinated).
 */
public final class PluginFolder {

    static final String TEMP_PREFIX = ".stepcast-install-";
    static final String TEMP_SUFFIX = ".part";

    private final Path folder;

    private PluginFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Opens an existing, writable plugins folder.
     *
     * @throws InstallRefusedException if it does not exist, is not a folder, or cannot be written (checked with
     *                                 {@link Files#isWritable} and, since that says yes to root whatever the
     *                                 permission bits, by the real write of the install itself)
     */
    public static PluginFolder open(Path folder) throws InstallRefusedException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new InstallRefusedException("Plugins folder does not exist: " + absolute
                    + ". Pass the host's existing plugins folder (the installer does not create it).");
        }
        if (!Files.isDirectory(absolute)) {
            throw new InstallRefusedException("Not a folder: " + absolute + ". Pass the host's plugins folder.");
        }
        if (!Files.isWritable(absolute)) {
            throw notWritable(absolute);
        }
        return new PluginFolder(absolute);
    }

    /** The folder, absolute. */
    public Path path() {
        return folder;
    }

    /** The Stepcast jars in the folder, sorted by file name. */
    public List<PluginJar> installed() throws IOException {
        return installedIn(folder);
    }

    /** The Stepcast jars in {@code folder} (which need not be writable), sorted by file name. */
    public static List<PluginJar> installedIn(Path folder) throws IOException {
        List<PluginJar> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path file : files) {
                Optional<PluginJar> jar = PluginJar.read(file);
                if (jar.isPresent()) {
                    jars.add(jar.get());
                } else if (PluginJar.FILE_NAME.matcher(file.getFileName().toString()).matches()) {
                    jars.add(new PluginJar(file, "unreadable")); // named like ours, but broken: replace it too
                }
            }
        }
        jars.sort((a, b) -> a.path().getFileName().toString().compareTo(b.path().getFileName().toString()));
        return jars;
    }

    /**
     * Installs {@code plugin} as {@code stepcast-<version>.jar}, replacing any other Stepcast jar in the folder.
     *
     * @return the jars that were replaced (not including a same-named jar overwritten in place)
     * @throws InstallRefusedException if the folder turns out not to be writable
     * @throws IOException             on other I/O failures; the folder then holds the versions it held before
     */
    public List<PluginJar> install(PluginJar plugin) throws InstallRefusedException, IOException {
        Path target = folder.resolve(plugin.installedFileName());
        List<PluginJar> others = new ArrayList<>();
        for (PluginJar jar : installed()) {
            if (!jar.path().getFileName().equals(target.getFileName())) {
                others.add(jar);
            }
        }
        if (!sameFile(plugin.path(), target)) {
            boolean replacesSameName = Files.exists(target);
            copyAtomically(plugin.path(), target);
            try {
                deleteAll(others);
            } catch (IOException e) {
                if (!replacesSameName) {
                    Files.deleteIfExists(target);
                }
                throw e;
            }
        } else {
            deleteAll(others);
        }
        removeStaleTempFiles();
        return others;
    }

    /**
     * Removes every Stepcast jar (and temp files of interrupted installs).
     *
     * @return the jars removed; empty if none was installed
     */
    public List<PluginJar> uninstall() throws InstallRefusedException, IOException {
        List<PluginJar> jars = installed();
        try {
            deleteAll(jars);
        } catch (AccessDeniedException e) {
            throw notWritable(folder);
        }
        removeStaleTempFiles();
        return jars;
    }

    private void copyAtomically(Path source, Path target) throws InstallRefusedException, IOException {
        Path temp;
        try {
            temp = Files.createTempFile(folder, TEMP_PREFIX, TEMP_SUFFIX);
        } catch (AccessDeniedException e) {
            throw notWritable(folder);
        } catch (FileSystemException e) {
            if (!Files.isWritable(folder)) {
                throw notWritable(folder);
            }
            // e.g. /proc: writable by its bits, but the file system takes no new files
            throw new InstallRefusedException("Plugins folder does not accept new files: " + folder + " ("
                    + (e.getReason() != null ? e.getReason()
                    : "a special or read-only file system") + "). Pass the host's plugins folder.");
        }
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                // rename(2) on POSIX, MoveFileEx(REPLACE_EXISTING) on Windows: replaces a same-named target.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void deleteAll(List<PluginJar> jars) throws IOException {
        for (PluginJar jar : jars) {
            try {
                Files.deleteIfExists(jar.path());
            } catch (IOException e) {
                throw new IOException("Could not remove the older Stepcast jar " + jar.path()
                        + " (" + e.getMessage() + "). Close the host that uses it and run the command again.", e);
            }
        }
    }

    private void removeStaleTempFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.isSameFile(a, b);
    }

    private static InstallRefusedException notWritable(Path folder) {
        return new InstallRefusedException("Plugins folder is not writable: " + folder
                + ". Check its permissions, or run the command as a user who may write there.");
    }
}
