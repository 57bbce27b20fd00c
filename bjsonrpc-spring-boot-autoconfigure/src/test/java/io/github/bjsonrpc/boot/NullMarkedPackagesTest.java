package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** Every package of the module is {@code @NullMarked}, as Spring Boot 4's are: what may be null says so. */
class NullMarkedPackagesTest {

    @Test
    void everyPackageIsNullMarked() throws Exception {
        Path classes = Path.of(BjsonRpcService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> packages;
        try (Stream<Path> files = Files.walk(classes)) {
            packages = files.filter(file -> file.toString().endsWith(".class"))
                .map(file -> classes.relativize(file.getParent()).toString().replace(file.getFileSystem()
                    .getSeparator(), "."))
                .distinct().sorted().toList();
        }
        assertThat(packages).contains("io.github.bjsonrpc.boot", "io.github.bjsonrpc.boot.autoconfigure",
            "io.github.bjsonrpc.boot.server", "io.github.bjsonrpc.boot.client");
        ClassLoader loader = getClass().getClassLoader();
        assertThat(packages).allSatisfy(name -> assertThat(
            loader.loadClass(name + ".package-info").isAnnotationPresent(NullMarked.class)).as(name).isTrue());
    }
}
