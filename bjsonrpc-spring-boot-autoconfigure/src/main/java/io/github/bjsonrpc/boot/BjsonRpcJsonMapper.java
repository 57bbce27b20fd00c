package io.github.bjsonrpc.boot;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson mapper that converts the values of the application's bjsonrpc connections, server and clients alike:
 * the parameters and results of its services, the arguments and results of its clients' calls.
 *
 * <p>The auto-configured one is the application's own {@link JsonMapper} bean, as Spring Boot's Jackson
 * auto-configuration makes it from {@code spring.jackson.*}, {@code JacksonModule} beans and
 * {@code JsonMapperBuilderCustomizer} beans (or as the application defines it), rebuilt with the
 * {@link BjsonRpcJsonMapperCustomizer} beans applied; without such a bean, or with
 * {@code bjsonrpc.json.use-application-mapper=false}, the library's own mapper, with the customizers applied if there
 * are any. Define a bean of this type to replace it.
 *
 * <p>Whatever the mapper says, the bytes on the wire stay the wire's: every message is written and read by the
 * library's codec (key order, ASCII escapes, the reference's number forms, one message per line), and the mapper
 * only fills in the values (see {@link io.github.bjsonrpc.ConnectionOptions#jsonMapper()}).
 */
@FunctionalInterface
public interface BjsonRpcJsonMapper {

    /** The mapper, ready for the wire ({@link io.github.bjsonrpc.wire.Json#valueMapper}). */
    JsonMapper jsonMapper();
}
