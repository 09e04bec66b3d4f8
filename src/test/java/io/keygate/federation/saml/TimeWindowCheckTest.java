package io.keygate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The plain reader of SAML instants agrees with {@link Instant#parse} and leaves every other form to it. */
class TimeWindowCheckTest {

    @Test
    void whenTheInstantHasThePlainFormThenItIsReadAsInstantParseReadsIt() {
        for (String v : new String[] {"2026-12-02T15:04:05Z", "2026-12-02T15:04:05.1Z", "2026-12-02T15:04:05.123Z",
                "2024-02-29T23:59:59.123456789Z", "1999-01-01T00:00:00.000Z", "2026-12-02T15:04:05.000006Z"}) {
            assertThat(TimeWindowCheck.plainUtc(v)).as(v).isEqualTo(Instant.parse(v));
        }
        assertThat(TimeWindowCheck.plainUtc("2026-12-02T15:04:05.25Z")).isEqualTo(Instant.ofEpochSecond(1796223845L,
                250_000_000));
    }

    @Test
    void whenTheInstantHasAnotherFormOrAnImpossibleDateThenThePlainReaderLeavesItToTheParser() {
        for (String v : new String[] {"2026-12-02T15:04:05+01:00", "2026-12-02T15:04:05", "2026-12-02T15:04:05.Z",
                "2026-12-02 15:04:05Z", "2026-02-30T00:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T15:04:60Z",
                "2026-13-02T15:04:05Z", "2026-12-02T15:04:05.1234567890Z", "+2026-12-02T15:04:05Z",
                "2026-1x-02T15:04:05Z", "2026-12-02T15:04:05.12a4Z"}) {
            assertThat(TimeWindowCheck.plainUtc(v)).as(v).isNull();
        }
    }
}
