package io.github.bjsonrpc.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A peer that speaks raw lines over a plain socket, for byte-exact conversations: a raw client of our server, or
 * a scripted server for our client. Reads time out after five seconds so that a test never hangs.
 */
public final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader reader;
    private final OutputStream out;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * @param port a port on 127.0.0.1
     * @return a connected raw client
     */
    public static RawPeer connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawPeer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param listener a bound server socket
     * @return the raw side of the next connection it accepts
     */
    public static RawPeer accept(ServerSocket listener) {
        try {
            listener.setSoTimeout(5000);
            return new RawPeer(listener.accept());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the text as it is (add {@code \n} yourself), in one write.
     *
     * @param text what to write
     */
    public void writeRaw(String text) {
        writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes what to write, in one write
     */
    public void writeBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param line one line, {@code \n} added
     */
    public void send(String line) {
        writeRaw(line + "\n");
    }

    /** The next line, waiting at most five seconds; {@code null} at end of stream. */
    public String readLine() {
        try {
            return reader.readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No line within 5 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This side's port, by which the other side's reports name this peer. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Closes the socket. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
