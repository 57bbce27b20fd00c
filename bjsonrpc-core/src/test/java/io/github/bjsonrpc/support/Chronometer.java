package io.github.bjsonrpc.support;

import io.github.bjsonrpc.Exported;

/** The reference test server's chronometer: a fake clock that ticks once per start and stop. */
@Exported
public class Chronometer {

    private int clock;
    private int started;
    private int stopped;

    public void start() {
        started = ++clock;
    }

    public void stop() {
        stopped = ++clock;
    }

    public int lapse() {
        return stopped - started;
    }
}
