package io.github.bjsonrpc.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The bjsonrpc demo: a bjsonrpc server on 127.0.0.1:10123 publishing the reference test server's handler table
 * (so any Python program written for it works unchanged), a load-test contract, an outbound client {@code peer},
 * and Actuator on HTTP port 8080.
 */
@SpringBootApplication
public class DemoApplication {

    /**
     * @param args Spring Boot arguments, such as {@code --bjsonrpc.server.port=0}
     */
    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
