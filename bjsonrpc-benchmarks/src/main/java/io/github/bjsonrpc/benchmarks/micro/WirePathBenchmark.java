package io.github.bjsonrpc.benchmarks.micro;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.bjsonrpc.benchmarks.contract.EchoHandler;
import io.github.bjsonrpc.dispatch.ArgumentBinder;
import io.github.bjsonrpc.dispatch.MethodTable;
import io.github.bjsonrpc.dispatch.PublishedMethod;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.MessageReader;
import io.github.bjsonrpc.wire.MessageVisitor;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.ReplyMessage;
import io.github.bjsonrpc.wire.RequestMessage;
import io.github.bjsonrpc.wire.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The per-message path, piece by piece: decode a request line, bind its params, encode a reply, decode a reply.
 * Run with {@code -prof gc} for allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WirePathBenchmark {

    private final byte[] requestLine = "{\"method\":\"echo\",\"id\":12345,\"params\":[\"hello world\"]}"
        .getBytes(StandardCharsets.UTF_8);
    private final byte[] replyLine = "{\"result\":\"hello world\",\"error\":null,\"id\":12345}"
        .getBytes(StandardCharsets.UTF_8);
    private final ValueWriter values = new ValueWriter(Json.MAPPER, object -> {
        throw new UnsupportedOperationException("no exported objects here");
    });
    private final Capture capture = new Capture();
    private PublishedMethod echo;
    private RequestMessage request;
    private ByteBuf out;

    /** Keeps what the reader found. */
    static final class Capture implements MessageVisitor {
        RequestMessage request;
        ReplyMessage reply;

        @Override
        public void request(RequestMessage r) {
            request = r;
        }

        @Override
        public void reply(ReplyMessage r) {
            reply = r;
        }

        @Override
        public void unknownFormat(JsonNode id, boolean jsonRpc2) {
        }

        @Override
        public void dropped(String reason) {
        }
    }

    @Setup
    public void setUp() {
        echo = MethodTable.of(EchoHandler.class).find("echo");
        MessageReader.read(requestLine, 0, requestLine.length, capture);
        request = capture.request;
        out = Unpooled.buffer(256);
    }

    @Benchmark
    public RequestMessage decodeRequest() {
        MessageReader.read(requestLine, 0, requestLine.length, capture);
        return capture.request;
    }

    @Benchmark
    public Object[] bindParams() throws Exception {
        return ArgumentBinder.bind(echo, request.params(), request.kwparams(), null, null, Json.MAPPER);
    }

    @Benchmark
    public int encodeReply() {
        out.clear();
        try (JsonGenerator gen = Json.MAPPER.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
            MessageWriter.writeResult(gen, values, request, "hello world");
        }
        out.writeByte('\n');
        return out.readableBytes();
    }

    @Benchmark
    public ReplyMessage decodeReply() {
        MessageReader.read(replyLine, 0, replyLine.length, capture);
        return capture.reply;
    }

    @Benchmark
    public Object fullRequestToReply() throws Throwable {
        MessageReader.read(requestLine, 0, requestLine.length, capture);
        RequestMessage r = capture.request;
        Object result = echo.invoke(new EchoHandler(), ArgumentBinder.bind(echo, r.params(), r.kwparams(), null, null,
            Json.MAPPER));
        out.clear();
        try (JsonGenerator gen = Json.MAPPER.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
            MessageWriter.writeResult(gen, values, r, result);
        }
        return out;
    }
}
