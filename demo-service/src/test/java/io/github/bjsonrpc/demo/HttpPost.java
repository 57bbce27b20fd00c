package io.github.bjsonrpc.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Posts JSON to the demo's HTTP port on loopback. */
final class HttpPost {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpPost() {
    }

    static HttpResponse<String> json(int port, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
