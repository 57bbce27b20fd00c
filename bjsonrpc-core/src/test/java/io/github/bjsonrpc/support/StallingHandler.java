package io.github.bjsonrpc.support;

import java.util.concurrent.CountDownLatch;

/** The reference handler table, plus {@code stall()}: a call that returns only once its latch is released. */
public class StallingHandler extends ServerHandler {

    private final CountDownLatch release;

    /**
     * @param release what {@code stall()} waits for; release it when the test ends
     */
    public StallingHandler(CountDownLatch release) {
        this.release = release;
    }

    /**
     * @return {@code "late"}, once released
     * @throws InterruptedException if interrupted while stalled
     */
    public String stall() throws InterruptedException {
        release.await();
        return "late";
    }
}
