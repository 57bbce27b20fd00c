package io.github.bjsonrpc.demo;

import io.github.bjsonrpc.Exported;

/** A remote object with a fake clock that ticks once per start and stop. */
@Exported
public class Chronometer {

    private int clock;
    private int started;
    private int stopped;

    /** Starts timing. */
    public void start() {
        started = ++clock;
    }

    /** Stops timing. */
    public void stop() {
        stopped = ++clock;
    }

    /** Ticks between the last start and stop. */
    public int lapse() {
        return stopped - started;
    }
}
