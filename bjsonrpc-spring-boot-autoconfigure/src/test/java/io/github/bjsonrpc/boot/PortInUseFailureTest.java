package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.bjsonrpc.boot.server.BjsonRpcPortInUseException;

/** A server application whose port is taken fails with Boot's failure report, saying what to do, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseFailureTest {

    @Test
    void theFailureReportSaysWhichPortAndWhatToDo(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new SpringApplicationBuilder(ServerAndClientAppsTest.ServerApp.class)
                .web(WebApplicationType.NONE).run("--bjsonrpc.server.port=" + port))
                .hasCauseInstanceOf(BjsonRpcPortInUseException.class);

            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("bjsonrpc server failed to start. Port " + port + " was already in use.")
                .contains("Identify and stop the process that's listening on port " + port)
                .contains("bjsonrpc.server.enabled=false")
                .doesNotContain("Application run failed");
        }
    }
}
