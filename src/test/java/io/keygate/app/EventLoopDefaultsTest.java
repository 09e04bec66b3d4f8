package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class EventLoopDefaultsTest {

    private static final String KEY = EventLoopDefaults.EVENT_LOOPS;

    @Test
    void whenNothingIsConfiguredThenThereIsOneEventLoopPerProcessor() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopDefaults()).build();
        assertThat(config.getValue(KEY, Integer.class)).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void whenTheOperatorSetsTheEventLoopsThenTheirValueWins() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EventLoopDefaults(),
                new PropertiesConfigSource(java.util.Map.of(KEY, "7"), "application.properties", 250)).build();
        assertThat(config.getValue(KEY, Integer.class)).isEqualTo(7);
        assertThat(new EventLoopDefaults().getValue("quarkus.http.port")).isNull();
    }

    @Test
    void theSourceIsRegisteredForQuarkusToFind() {
        assertThat(ServiceLoader.load(ConfigSource.class).stream().map(p -> p.type().getName()))
                .contains(EventLoopDefaults.class.getName());
    }
}
