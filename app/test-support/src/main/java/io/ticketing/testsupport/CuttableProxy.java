package io.ticketing.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of MariaDB or Redis that a test can cut and restore: an outage of the real
 * server as the service sees it (connections reset, new ones refused) without stopping the server
 * the rest of the suite uses. It can also hold replies back: a server that does what it is asked
 * but answers too late, so that the service times out on commands that ran. Plain threads, never
 * an event loop.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final Object replies = new Object();
    private boolean holding;

    public CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        daemon("proxy-accept-" + targetPort, this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        sockets.forEach(CuttableProxy::closeQuietly);
        sockets.clear();
    }

    public void restore() {
        cut = false;
    }

    /** Requests still reach the server, which runs them; its replies wait until {@link #releaseReplies()}. */
    public void holdReplies() {
        synchronized (replies) {
            holding = true;
        }
    }

    public void releaseReplies() {
        synchronized (replies) {
            holding = false;
            replies.notifyAll();
        }
    }

    private void awaitReplies() throws InterruptedIOException {
        synchronized (replies) {
            while (holding) {
                try {
                    replies.wait();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while holding replies back");
                }
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up-" + targetPort, () -> pump(client, upstream, false));
                daemon("proxy-down-" + targetPort, () -> pump(upstream, client, true));
            }
            catch (IOException e) {
                // The listening socket was closed, or the target refused: the next accept decides.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean reply) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (reply) {
                    awaitReplies();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        catch (IOException e) {
            // Either side went away; closing both below ends the other direction too.
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    @Override
    public void close() {
        cut();
        releaseReplies();
        closeQuietly(server);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception e) {
            // Already closed.
        }
    }
}
