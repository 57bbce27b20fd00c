package io.github.bjsonrpc.benchmarks;

/** One connection of a load measurement, in whatever protocol the server speaks. */
interface Lane extends AutoCloseable {

    /** One echo call, waiting for its reply: once it returns, the server answers on this connection. */
    void firstCall();

    /**
     * Keeps {@code window} echo calls in flight, handing each reply to the recorder and sending the next while it
     * says so; returns once no call is in flight any more.
     *
     * @param window calls in flight
     * @param recorder this lane's recorder
     * @throws InterruptedException if interrupted while waiting for replies
     */
    void run(int window, MeasuringWindow.Recorder recorder) throws InterruptedException;

    @Override
    void close();
}
