package io.github.bjsonrpc;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one connection's activity, for management and metrics.
 *
 * @param bytesIn bytes read since the connection opened, line ends included
 * @param bytesOut bytes written since the connection opened, line ends included
 * @param inFlightRequests requests of the peer in flight now: running, waiting on the peer, or answering later
 *        (an asynchronous result not yet complete)
 * @param queuedRequests lines of the peer waiting to start: requests, and objects to answer {@code Unknown format}
 * @param pendingRequests requests sent from here waiting for a reply, open pipes included
 * @param openPipes pipes opened from here and not ended
 * @param remoteObjects names of the objects this side exported and the peer has not deleted
 * @param droppedLines lines or batch elements dropped without a reply, by reason
 * @param bufferedPipeElements pipe elements that arrived and wait for their caller here
 * @param bufferedPipeBytes their size, as the share of the lines that carried them
 *        (see {@link ConnectionOptions#maxBufferedPipeBytes()})
 * @param readingPaused whether reading from the peer is paused now, for requests piling up or unconsumed pipe
 *        elements
 */
public record ConnectionStats(long bytesIn, long bytesOut, int inFlightRequests, int queuedRequests,
        int pendingRequests, int openPipes, List<String> remoteObjects, Map<String, Long> droppedLines,
        int bufferedPipeElements, long bufferedPipeBytes, boolean readingPaused) {
}
