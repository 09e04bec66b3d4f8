package io.keygate.sts;

import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Regions listed in keygate.disabled-regions answer RegionDisabledException; the others keep working. */
@QuarkusTest
@TestProfile(DisabledRegionTest.DisabledRegions.class)
class DisabledRegionTest {

    public static class DisabledRegions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keygate.disabled-regions", "eu-south-2,ap-east-1");
        }
    }

    @Test
    void whenRegionDisabledThenRegionDisabledException() {
        try (StsClient sts = sts(root(), Region.EU_SOUTH_2)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RegionDisabledException");
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorMessage()).contains("eu-south-2");
            });
        }
        try (StsClient sts = sts(root(), Region.EU_WEST_1)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("111122223333");
        }
    }
}
