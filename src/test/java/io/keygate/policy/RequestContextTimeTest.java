package io.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code aws:CurrentTime} and {@code aws:EpochTime}: the second of the instant given, whatever came before. */
class RequestContextTimeTest {

    private static RequestContext at(String instant) {
        return RequestContext.builder().currentTime(Instant.parse(instant)).build();
    }

    @Test
    void currentTimeWhenSecondsChangeBackAndForthThenEachContextHasItsOwnSecond() {
        for (int round = 0; round < 2; round++) {
            RequestContext first = at("2026-12-02T19:00:00.250Z");
            RequestContext same = at("2026-12-02T19:00:00.999Z");
            RequestContext next = at("2026-12-02T19:00:01Z");
            RequestContext earlier = at("1969-12-31T23:59:59.500Z");
            assertThat(first.values("aws:CurrentTime")).contains(List.of("2026-12-02T19:00:00Z"));
            assertThat(first.values("aws:EpochTime")).contains(List.of("1796238000"));
            assertThat(same.values("aws:CurrentTime")).contains(List.of("2026-12-02T19:00:00Z"));
            assertThat(next.values("aws:CurrentTime")).contains(List.of("2026-12-02T19:00:01Z"));
            assertThat(next.values("aws:EpochTime")).contains(List.of("1796238001"));
            assertThat(earlier.values("aws:CurrentTime")).contains(List.of("1969-12-31T23:59:59Z"));
            assertThat(earlier.values("aws:EpochTime")).contains(List.of("-1"));
        }
    }
}
