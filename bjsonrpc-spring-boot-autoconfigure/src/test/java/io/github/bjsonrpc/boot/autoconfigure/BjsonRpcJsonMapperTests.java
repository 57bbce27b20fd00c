package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapperCustomizer;
import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Which mapper converts the values of the bjsonrpc connections, and how an application changes or replaces it. */
class BjsonRpcJsonMapperTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class));

    private final ApplicationContextRunner withJackson = runner
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class ApplicationModule {
        @Bean
        JacksonModule applicationModule() {
            return new SimpleModule("application-module");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnJsonMapper {
        @Bean
        JsonMapper ownJsonMapper() {
            return JsonMapper.builder().addModule(new SimpleModule("own-mapper")).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizer {
        @Bean
        BjsonRpcJsonMapperCustomizer bjsonRpcOnly() {
            return builder -> builder.addModule(new SimpleModule("bjsonrpc-only"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Replacement {
        @Bean
        BjsonRpcJsonMapper replacement() {
            return () -> Json.MAPPER;
        }
    }

    private static boolean hasModule(JsonMapper mapper, String name) {
        return mapper.registeredModules().stream().anyMatch(module -> module.getModuleName().equals(name));
    }

    @Test
    void withoutJacksonsAutoConfigurationTheLibrarysOwnMapperConverts() {
        runner.run(context -> assertThat(context.getBean(BjsonRpcJsonMapper.class).jsonMapper())
            .isSameAs(Json.MAPPER));
    }

    @Test
    void theApplicationsMapperConvertsWithItsModulesAndSettings() {
        withJackson.withUserConfiguration(ApplicationModule.class)
            .withPropertyValues("spring.jackson.serialization.indent-output=true")
            .run(context -> {
                JsonMapper application = context.getBean(JsonMapper.class);
                JsonMapper bjsonrpc = context.getBean(BjsonRpcJsonMapper.class).jsonMapper();
                assertThat(hasModule(bjsonrpc, "application-module")).isTrue();
                assertThat(application.isEnabled(SerializationFeature.INDENT_OUTPUT)).isTrue();
                assertThat(bjsonrpc.isEnabled(SerializationFeature.INDENT_OUTPUT)).isFalse();
                assertThat(Json.valueMapper(bjsonrpc)).as("ready for the wire").isSameAs(bjsonrpc);
            });
    }

    @Test
    void anApplicationsOwnJsonMapperBeanIsTheOneUsed() {
        withJackson.withUserConfiguration(OwnJsonMapper.class).run(context ->
            assertThat(hasModule(context.getBean(BjsonRpcJsonMapper.class).jsonMapper(), "own-mapper")).isTrue());
    }

    @Test
    void customizersChangeOnlyBjsonRpcsMapper() {
        withJackson.withUserConfiguration(ApplicationModule.class, Customizer.class).run(context -> {
            JsonMapper bjsonrpc = context.getBean(BjsonRpcJsonMapper.class).jsonMapper();
            assertThat(hasModule(bjsonrpc, "application-module")).isTrue();
            assertThat(hasModule(bjsonrpc, "bjsonrpc-only")).isTrue();
            assertThat(hasModule(context.getBean(JsonMapper.class), "bjsonrpc-only")).isFalse();
        });
        runner.withUserConfiguration(Customizer.class).run(context -> {
            JsonMapper bjsonrpc = context.getBean(BjsonRpcJsonMapper.class).jsonMapper();
            assertThat(hasModule(bjsonrpc, "bjsonrpc-only")).isTrue();
            assertThat(bjsonrpc).isNotSameAs(Json.MAPPER);
        });
    }

    @Test
    void thePropertyLeavesTheApplicationsMapperOut() {
        withJackson.withUserConfiguration(ApplicationModule.class, Customizer.class)
            .withPropertyValues("bjsonrpc.json.use-application-mapper=false").run(context -> {
                JsonMapper bjsonrpc = context.getBean(BjsonRpcJsonMapper.class).jsonMapper();
                assertThat(hasModule(bjsonrpc, "application-module")).isFalse();
                assertThat(hasModule(bjsonrpc, "bjsonrpc-only")).isTrue();
            });
        withJackson.withPropertyValues("bjsonrpc.json.use-application-mapper=false").run(context ->
            assertThat(context.getBean(BjsonRpcJsonMapper.class).jsonMapper()).isSameAs(Json.MAPPER));
    }

    @Test
    void aBeanOfTheApplicationReplacesIt() {
        withJackson.withUserConfiguration(Replacement.class, ApplicationModule.class).run(context ->
            assertThat(context).getBean(BjsonRpcJsonMapper.class).extracting(BjsonRpcJsonMapper::jsonMapper)
                .isSameAs(Json.MAPPER));
    }
}
