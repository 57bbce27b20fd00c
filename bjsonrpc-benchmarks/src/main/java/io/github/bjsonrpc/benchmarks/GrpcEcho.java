package io.github.bjsonrpc.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The echo call of the gRPC-java anchor, without code generation: a hand-built unary {@link MethodDescriptor} whose
 * messages are JSON, read and written by Jackson 3 as our server does. The request is the params array
 * ({@code ["hello"]}), the response its first element.
 */
final class GrpcEcho {

    /** The unary echo method, {@code bench.Echo/Echo}. */
    static final MethodDescriptor<JsonNode, JsonNode> METHOD = MethodDescriptor.<JsonNode, JsonNode>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Echo"))
        .setRequestMarshaller(new JsonMarshaller())
        .setResponseMarshaller(new JsonMarshaller())
        .build();

    /** The request every load call sends, as the line protocol's {@code "params":["hello"]}. */
    static final JsonNode REQUEST = JsonNodeFactory.instance.arrayNode().add("hello");

    private GrpcEcho() {
    }

    /** The server's work: the first parameter back. */
    static JsonNode answer(JsonNode request) {
        return request.get(0);
    }

    /** Whether a response is the echo of {@link #REQUEST}. */
    static boolean isEcho(JsonNode response) {
        return response.isString() && response.asString().equals("hello");
    }

    /** JSON bytes, with their length known up front as protobuf's marshaller gives it. */
    private static final class JsonMarshaller implements MethodDescriptor.Marshaller<JsonNode> {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        public InputStream stream(JsonNode value) {
            return new Bytes(JSON.writeValueAsBytes(value));
        }

        @Override
        public JsonNode parse(InputStream stream) {
            return JSON.readTree(stream);
        }
    }

    private static final class Bytes extends ByteArrayInputStream implements KnownLength {
        Bytes(byte[] bytes) {
            super(bytes);
        }
    }
}
