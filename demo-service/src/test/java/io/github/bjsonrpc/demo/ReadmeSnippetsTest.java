package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;

import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcProperties;
import io.github.bjsonrpc.support.Readme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Java and YAML block of the README is true, so that it can be pasted.
 *
 * <ul>
 * <li>A {@code java} block is a complete source file in the default package, named after its first public top-level
 * type, and compiles with {@code -parameters} against this module's test classpath (the core, the starter, the
 * auto-configuration, Actuator, Spring MVC, Spring Security).</li>
 * <li>The one exception is a block whose first line starts with {@code // fragment}: it holds the members of a
 * class (fields, methods), after its own {@code import} lines; the test compiles those members as the body of a
 * class.</li>
 * <li>A block with a {@code main} method is run, in a class loader over its compiled classes, and what it prints
 * must be its {@code // prints: } comments, one per line, in order.</li>
 * <li>A block with {@code @Test} methods is a test class, run with JUnit in such a class loader: every one of its
 * tests must pass.</li>
 * <li>A {@code yaml} block parses, each of its keys is a property of the configuration metadata on the classpath
 * or lies under a map-valued one, and its {@code bjsonrpc.clients.<name>.*} keys bind to the client settings with
 * none left over.</li>
 * </ul>
 */
class ReadmeSnippetsTest {

    private static final String FRAGMENT = "// fragment";
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
        "^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)",
        Pattern.MULTILINE);
    private static final Pattern PRINTS = Pattern.compile("// prints: (.*)$", Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("public static void main\\(String\\[\\] \\w+\\)");
    private static final Pattern TEST = Pattern.compile("^\\s*@Test$", Pattern.MULTILINE);

    @TempDir
    Path output;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRunsAsItSays() {
        List<Readme.Block> blocks = Readme.blocks("java");
        assertThat(blocks).as("java blocks of the README").isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest("java block at README.md:" + block.line(),
            () -> compileAndRun(block, output.resolve("line" + block.line()))));
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockParsesAndUsesKnownProperties() {
        List<Readme.Block> blocks = Readme.blocks("yaml");
        assertThat(blocks).as("yaml blocks of the README").isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest("yaml block at README.md:" + block.line(),
            () -> checkYaml(block)));
    }

    private static void compileAndRun(Readme.Block block, Path dir) throws Exception {
        String source = block.code();
        String className;
        if (source.startsWith(FRAGMENT)) {
            className = "Fragment" + block.line();
            source = wrapFragment(source, className);
        } else {
            Matcher type = PUBLIC_TYPE.matcher(source);
            assertThat(type.find()).as("a public top-level type in the block at line " + block.line()).isTrue();
            className = type.group(1);
        }
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = sources.resolve(className + ".java");
        Files.writeString(file, source);
        compile(file, classes, block);

        if (MAIN.matcher(source).find()) {
            assertThat(run(className, classes)).as("what the block at line " + block.line() + " prints")
                .isEqualTo(expectedOutput(source));
        }
        if (TEST.matcher(source).find()) {
            TestExecutionSummary summary = runTests(className, classes);
            assertThat(summary.getFailures()).as("failed tests of the block at line " + block.line()).isEmpty();
            assertThat(summary.getTestsSucceededCount()).as("passed tests of the block at line " + block.line())
                .isPositive().isEqualTo(summary.getTestsFoundCount());
        }
    }

    /**
     * Runs a test class with JUnit. Its class loader stays open: Spring's test context cache keeps the context it
     * made until the JVM ends.
     */
    private static TestExecutionSummary runTests(String className, Path classes) throws Exception {
        @SuppressWarnings("resource")
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            ReadmeSnippetsTest.class.getClassLoader());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(loader, className)).build(), listener);
        } finally {
            thread.setContextClassLoader(original);
        }
        return listener.getSummary();
    }

    /** Leading imports stay imports; every other line becomes the body of the class. */
    private static String wrapFragment(String fragment, String className) {
        List<String> imports = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (String line : fragment.split("\n")) {
            if (members.isEmpty() && (line.startsWith("import ") || line.isBlank() || line.startsWith("//"))) {
                imports.add(line);
            } else {
                members.add(line);
            }
        }
        return String.join("\n", imports) + "\nclass " + className + " {\n" + String.join("\n", members) + "\n}\n";
    }

    private static void compile(Path file, Path classes, Readme.Block block) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean compiled = javac.getTask(messages, null, null,
            List.of("-parameters", "-proc:none", "--release", "17", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()),
            null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
        assertThat(compiled).as("the java block at README.md:%d compiles:%n%s", block.line(), messages).isTrue();
    }

    private static List<String> run(String className, Path classes) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetsTest.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError(className + ".main failed", e.getCause());
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> expectedOutput(String source) {
        List<String> lines = new ArrayList<>();
        Matcher prints = PRINTS.matcher(source);
        while (prints.find()) {
            lines.add(prints.group(1));
        }
        assertThat(lines).as("// prints: comments of a block with a main method").isNotEmpty();
        return lines;
    }

    private static void checkYaml(Readme.Block block) throws IOException {
        Object document = new Yaml().load(block.code());
        assertThat(document).as("the yaml block at line " + block.line()).isInstanceOf(Map.class);
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", (Map<?, ?>) document, flat);

        Metadata metadata = Metadata.load();
        assertThat(flat.keySet()).as("keys of the yaml block at README.md:" + block.line())
            .allSatisfy(key -> assertThat(metadata.knows(key)).as(key + " in the configuration metadata").isTrue());

        Map<String, Object> clients = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            if (key.startsWith("bjsonrpc.clients.")) {
                clients.put(key, value);
            }
        });
        new Binder(new MapConfigurationPropertySource(clients)).bind("bjsonrpc.clients",
            Bindable.mapOf(String.class, BjsonRpcProperties.Client.class),
            new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> flat) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, flat);
            } else {
                flat.put(name, value);
            }
        });
    }

    /** The properties every {@code spring-configuration-metadata.json} on the classpath describes. */
    private record Metadata(Set<String> names, Set<String> maps) {

        static Metadata load() throws IOException {
            Set<String> names = new TreeSet<>();
            Set<String> maps = new TreeSet<>();
            JsonMapper json = JsonMapper.builder().build();
            for (URL resource : Collections.list(ReadmeSnippetsTest.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = resource.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.get("name").asString();
                        names.add(name);
                        if (property.path("type").asString("").startsWith("java.util.Map<")) {
                            maps.add(name);
                        }
                    }
                }
            }
            return new Metadata(names, maps);
        }

        boolean knows(String key) {
            return names.contains(key) || maps.stream().anyMatch(map -> key.startsWith(map + "."));
        }
    }
}
