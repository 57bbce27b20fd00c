package io.github.bjsonrpc.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A line-oriented loopback connection with a plain blocking socket, the same load client for every server that
 * speaks lines. As a {@link Lane} its thread sends the window, then reads replies in order and sends one call per
 * reply.
 */
final class LineConnection implements Lane {

    private static final String ECHO_PARAMS = "[\"hello\"]";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long nextId;

    LineConnection(int port) {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String method, String params, boolean withId, boolean flush) {
        String line = "{\"method\":\"" + method + "\"" + (withId ? ",\"id\":" + (++nextId) : "")
            + (params == null ? "" : ",\"params\":" + params) + "}\n";
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the next reply can be read without waiting for the server. */
    private boolean replyBuffered() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply line and returns it; checks that it is a success. */
    String readReply() {
        StringBuilder text = new StringBuilder(64);
        try {
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                text.append((char) b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.indexOf("\"error\":null") < 0) {
            throw new IllegalStateException("not a success: " + text);
        }
        return text.toString();
    }

    /** Calls and returns the result's JSON text. */
    String call(String method, String params) {
        send(method, params, true, true);
        String reply = readReply();
        return reply.substring(reply.indexOf(':') + 1, reply.indexOf(",\"error\""));
    }

    long callForNumber(String method) {
        return Long.parseLong(call(method, null));
    }

    @Override
    public void firstCall() {
        call("echo", ECHO_PARAMS);
    }

    @Override
    public void run(int window, MeasuringWindow.Recorder recorder) {
        long[] sent = new long[window];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < window; i++) {
            sent[tail++ % window] = System.nanoTime();
            send("echo", ECHO_PARAMS, true, i == window - 1);
        }
        while (true) {
            readReply();
            if (!recorder.reply(sent[head++ % window])) {
                break;
            }
            sent[tail++ % window] = System.nanoTime();
            // replies that came together are answered together: one write for all the calls they free
            send("echo", ECHO_PARAMS, true, !replyBuffered());
        }
        flush();
        // drain what is still in flight so that the next mode starts clean
        for (int i = head; i < tail; i++) {
            readReply();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
