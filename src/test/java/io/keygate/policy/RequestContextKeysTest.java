package io.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Context keys are found in any case, however many distinct keys came before. */
class RequestContextKeysTest {

    @Test
    void valuesWhenKeysInAnyCaseAndManyDistinctKeysThenEachFoundUnderItsOwnValues() {
        for (int i = 0; i < 20_000; i++) {
            RequestContext context = RequestContext.builder()
                    .put("idp.example/Realm" + i + ":Sub", "user-" + i)
                    .put("aws:PrincipalTag/Team", List.of("a", "b"))
                    .build();
            assertThat(context.values("IDP.EXAMPLE/realm" + i + ":sub")).contains(List.of("user-" + i));
            assertThat(context.contains("idp.example/realm" + (i + 1) + ":sub")).isFalse();
            assertThat(context.values("aws:principaltag/TEAM")).contains(List.of("a", "b"));
        }
        RequestContext removed = RequestContext.builder().put("aws:SourceIp", "10.0.0.1").remove("AWS:SOURCEIP")
                .build();
        assertThat(removed.contains("aws:SourceIp")).isFalse();
    }
}
