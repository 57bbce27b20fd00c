package io.github.bjsonrpc.wire;

/**
 * Gives exported objects their wire names: one per connection, handed to serializers as the writer's attribute
 * under this interface's class.
 */
public interface Exporter {

    /**
     * @param object an instance of an {@link io.github.bjsonrpc.Exported} class
     * @return its name on this connection, registering it if new
     * @throws io.github.bjsonrpc.BjsonRpcException if the connection holds its limit of live objects
     */
    String export(Object object);
}
