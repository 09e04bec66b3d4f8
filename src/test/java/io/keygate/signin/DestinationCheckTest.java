package io.keygate.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DestinationCheckTest {

    private static final DestinationCheck CHECK = new DestinationCheck("https://keygate.example",
            List.of("https://portal.example/app"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("https://keygate.example/console", true),
                Arguments.of("https://keygate.example/console/", true),
                Arguments.of("https://KEYGATE.example:443/console/users?x=1#top", true),
                Arguments.of("https://portal.example/app", true),
                Arguments.of("https://portal.example/app/page", true),
                Arguments.of("https://portal.example/application", false),
                Arguments.of("https://portal.example/app.evil.example/", false),
                Arguments.of("https://keygate.example/consoles", false),
                Arguments.of("https://keygate.example/", false),
                Arguments.of("http://keygate.example/console", false),
                Arguments.of("https://keygate.example:8443/console", false),
                Arguments.of("https://keygate.example.evil.example/console", false),
                Arguments.of("https://evil.example@keygate.example/console", false),
                Arguments.of("https://keygate.example/console/../admin", false),
                Arguments.of("https://keygate.example/console/%2E%2E/admin", false),
                Arguments.of("https://keygate.example/console//evil", false),
                Arguments.of("https://keygate.example/console/x\\y", false),
                Arguments.of("https://keygate.example/console/\ty", false),
                Arguments.of("//keygate.example/console", false),
                Arguments.of("/console", false),
                Arguments.of("javascript:alert(1)", false),
                Arguments.of("data:text/html,hi", false),
                Arguments.of("", false),
                Arguments.of("https://keygate.example/console/" + "a".repeat(3000), false));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void whenDestinationIsCheckedThenOnlyTheConsoleAndAllowListedPrefixesPass(String destination, boolean allowed) {
        assertThat(CHECK.check(destination).isPresent()).isEqualTo(allowed);
    }
}
