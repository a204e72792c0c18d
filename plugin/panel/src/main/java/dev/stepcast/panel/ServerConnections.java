package dev.stepcast.panel;

import dev.stepcast.engine.Backend;
import dev.stepcast.engine.Messages;
import dev.stepcast.engine.ModelException;
import dev.stepcast.engine.remote.Backends;
import dev.stepcast.engine.remote.RemoteServer;
import dev.stepcast.panel.settings.ServerPasswords;
import dev.stepcast.panel.settings.Settings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.swing.SwingWorker;

/**
 * The panel's connections to the servers in the settings: connects to each (protocol detection, credentials from
 * this session's {@link ServerPasswords}) and lists its checkpoints off the EDT, keeps each connected
 * {@link Backend} for generating, and turns every failure into one line naming the server. A server that is down
 * costs one connect timeout on a background thread, never the EDT.
 *
 * <p><b>Threads:</b> {@link #list}, {@link #listing}, {@link #forget}, {@link #close} on the EDT; connecting and
 * listing run on daemon threads "stepcast-server-N"; results arrive on the EDT.
 */
final class ServerConnections implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerConnections.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * What listing a server gave.
     *
     * @param server      the server as listed (settings)
     * @param backend     the connected backend, or {@code null} when it failed
     * @param checkpoints its checkpoints (empty when it failed)
     * @param problem     the one-line failure, or {@code null}
     */
    record Listing(Settings.ServerPrefs server, Backend backend, List<String> checkpoints, String problem) {
        boolean ok() {
            return backend != null;
        }
    }

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stepcast-server-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ServerPasswords passwords;
    private final Map<String, Listing> listings = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private final List<Backend> retired = new ArrayList<>();
    private int tickets;
    private boolean closed;

    ServerConnections(ServerPasswords passwords) {
        this.passwords = passwords;
    }

    /** The engine's description of {@code server} with this session's password and the timeouts. */
    static RemoteServer remoteServer(Settings.ServerPrefs server, String password, Settings.RemotePrefs remote) {
        RemoteServer.Protocol protocol = RemoteServer.Protocol.parse(server.protocol())
                .orElse(RemoteServer.Protocol.AUTO);
        RemoteServer parsed = RemoteServer.parse(server.url(), protocol);
        String user = server.user() != null ? server.user() : parsed.user();
        String pw = password != null ? password : parsed.password();
        return parsed.withName(server.name()).withCredentials(user, pw)
                .withTimeouts(Duration.ofSeconds(remote.connectTimeoutSeconds()),
                        Duration.ofSeconds(remote.readTimeoutSeconds()))
                .withPollInterval(Duration.ofMillis(remote.pollMillis()));
    }

    /**
     * Connects and lists; any thread but the EDT. The settings dialog's Test uses it too.
     *
     * @return the listing; on failure a listing with the one-line problem
     */
    static Listing connectAndList(Settings.ServerPrefs server, String password, Settings.RemotePrefs remote) {
        Backend backend = null;
        try {
            backend = Backends.connect(remoteServer(server, password, remote));
            List<String> checkpoints = backend.checkpoints();
            return new Listing(server, backend, checkpoints, null);
        } catch (ModelException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "server " + server.name() + " (" + server.url() + "): " + e.getMessage(), e);
            if (backend != null) {
                backend.close();
            }
            return new Listing(server, null, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "server " + server.name() + " (" + server.url() + ") failed unexpectedly", e);
            if (backend != null) {
                backend.close();
            }
            return new Listing(server, null, List.of(), server.url() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " — " + e.getMessage()));
        }
    }

    /**
     * The settings dialog's Test: "SD.Next/A1111 (sdapi) at gpu-box:7860 — 12 checkpoints" or the failure (thrown).
     * Off the EDT.
     */
    static String test(Settings.ServerPrefs server, String password, Settings.RemotePrefs remote) throws Exception {
        Listing listing = connectAndList(server, password, remote);
        if (!listing.ok()) {
            throw new Exception(listing.problem());
        }
        try {
            int n = listing.checkpoints().size();
            return listing.backend().describe() + " — " + n + (n == 1 ? " checkpoint" : " checkpoints");
        } finally {
            listing.backend().close();
        }
    }

    /** The last listing of the server named {@code name}, if it finished. EDT. */
    Optional<Listing> listing(String name) {
        return Optional.ofNullable(listings.get(name));
    }

    /** Whether the server named {@code name} is being listed now. EDT. */
    boolean isListing(String name) {
        return pending.containsKey(name);
    }

    /**
     * Connects to {@code server} and lists its checkpoints in the background; {@code onDone} gets the listing on the
     * EDT. A newer call for the same server wins; the backend of an older listing is retired (closed when no
     * generation can use it: {@link #closeRetired}). EDT.
     */
    void list(Settings.ServerPrefs server, Settings.RemotePrefs remote, Consumer<Listing> onDone) {
        if (closed) {
            return;
        }
        int ticket = ++tickets;
        pending.put(server.name(), ticket);
        String password = passwords.get(server).orElse(null);
        SwingWorker<Listing, Void> worker = new SwingWorker<>() {
            @Override
            protected Listing doInBackground() {
                return connectAndList(server, password, remote);
            }

            @Override
            protected void done() {
                Listing listing;
                try {
                    listing = get();
                } catch (ExecutionException | InterruptedException e) {
                    // connectAndList answers every failure itself: this is an Error (e.g. out of memory); one line
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    LOG.log(Level.WARNING, "listing " + server.url() + " failed", cause);
                    listing = new Listing(server, null, List.of(), server.url() + ": could not be listed ("
                            + Messages.firstLine(cause.getMessage(), cause.getClass().getSimpleName()) + ")");
                }
                Integer current = pending.get(server.name());
                if (closed || current == null || current != ticket) {
                    if (listing.backend() != null) {
                        if (closed) {
                            listing.backend().close(); // nothing will close the retired ones any more
                        } else {
                            retired.add(listing.backend());
                        }
                    }
                    return;
                }
                pending.remove(server.name());
                Listing old = listings.put(server.name(), listing);
                if (old != null && old.backend() != null) {
                    retired.add(old.backend());
                }
                onDone.accept(listing);
            }
        };
        pool.execute(worker);
    }

    /** Drops the listings of servers not in {@code keep} or changed there (their backends are retired). EDT. */
    void forgetAllBut(List<Settings.ServerPrefs> keep, Settings.RemotePrefs remote, Settings.RemotePrefs oldRemote) {
        boolean remoteChanged = !remote.equals(oldRemote);
        listings.values().removeIf(l -> {
            boolean drop = remoteChanged || !keep.contains(l.server());
            if (drop && l.backend() != null) {
                retired.add(l.backend());
            }
            return drop;
        });
        pending.keySet().removeIf(name -> remoteChanged || keep.stream().noneMatch(s -> s.name().equals(name)));
    }

    /** Drops the listing of the server named {@code name} (to list it again). EDT. */
    void forget(String name) {
        Listing old = listings.remove(name);
        if (old != null && old.backend() != null) {
            retired.add(old.backend());
        }
        pending.remove(name);
    }

    /** Closes backends replaced by newer listings; call when no generation runs. EDT. */
    void closeRetired() {
        List<Backend> toClose = List.copyOf(retired);
        retired.clear();
        if (!toClose.isEmpty()) {
            pool.execute(() -> toClose.forEach(Backend::close));
        }
    }

    /** Closes every backend and the connecting threads. EDT; after any generation was cancelled. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Backend> all = new ArrayList<>(retired);
        listings.values().stream().map(Listing::backend).filter(b -> b != null).forEach(all::add);
        listings.clear();
        retired.clear();
        pool.execute(() -> all.forEach(Backend::close));
        pool.shutdown();
    }
}
