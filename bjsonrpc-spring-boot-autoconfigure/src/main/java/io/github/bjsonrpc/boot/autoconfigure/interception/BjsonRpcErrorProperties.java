package io.github.bjsonrpc.boot.autoconfigure.interception;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What the error replies of bjsonrpc services tell the peer ({@code bjsonrpc.errors.*}). */
@ConfigurationProperties("bjsonrpc.errors")
public class BjsonRpcErrorProperties {

    /**
     * What a peer is told when a service fails with an unexpected exception: "safe" sends the exception's class name
     * and a correlation id that the server's log line repeats with the full message; "full" sends the reference's
     * "Kind: message". ServerError messages, argument TypeErrors and the answers of exception-handler beans are sent
     * as they are either way.
     */
    private Details details = Details.SAFE;

    /** What a peer is told of an unexpected exception. */
    public Details getDetails() {
        return details;
    }

    /**
     * @param details {@code safe} or {@code full}
     */
    public void setDetails(Details details) {
        this.details = details;
    }

    /** How much of an unexpected exception the peer is told. */
    public enum Details {
        /** The exception's class name and a correlation id; the message stays in the log. */
        SAFE,
        /** The reference's {@code Kind: message}, as the exception says it. */
        FULL
    }
}
