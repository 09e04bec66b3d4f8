package io.keygate.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Context keys a resource server may set: a table, as the policy tests are. */
class ObservedContextTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("aws:SourceIp", false),
                Arguments.of("aws:SecureTransport", false),
                Arguments.of("aws:UserAgent", false),
                Arguments.of("aws:RequestTag/team", false),
                Arguments.of("aws:TagKeys", false),
                Arguments.of("aws:ResourceTag/owner", false),
                Arguments.of("aws:RequestedRegion", false),
                Arguments.of("s3:prefix", false),
                Arguments.of("notes:Visibility", false),
                Arguments.of("aws:PrincipalArn", true),
                Arguments.of("AWS:PRINCIPALTAG/team", true),
                Arguments.of("aws:PrincipalOrgID", true),
                Arguments.of("aws:userid", true),
                Arguments.of("aws:UserName", true),
                Arguments.of("aws:MultiFactorAuthPresent", true),
                Arguments.of("aws:multifactorauthage", true),
                Arguments.of("aws:TokenIssueTime", true),
                Arguments.of("aws:SourceIdentity", true),
                Arguments.of("aws:FederatedProvider", true),
                Arguments.of("aws:CurrentTime", true),
                Arguments.of("aws:EpochTime", true),
                Arguments.of("saml:sub", true),
                Arguments.of("SAML:aud", true),
                Arguments.of("sts:ExternalId", true),
                Arguments.of("token.actions.githubusercontent.com:sub", true),
                Arguments.of("accounts.google.com:aud", true),
                Arguments.of("cognito-identity.amazonaws.com:amr", true),
                Arguments.of("idp.example.com/realms/main:sub", true),
                Arguments.of("idp.example:8443/realms/Corp:sub", true),
                Arguments.of("IDP.EXAMPLE:8443/REALMS/CORP:SUB", true),
                Arguments.of("localhost:8443/realms/corp:sub", true),
                Arguments.of("keycloak:8443:sub", true),
                Arguments.of("localhost/x:aud", true),
                Arguments.of("s3:prefix", false),
                Arguments.of("ec2:Region", false),
                Arguments.of("aws:RequestTag/team:x", false));
    }

    @ParameterizedTest(name = "{0} describes the principal: {1}")
    @MethodSource("keys")
    void describesPrincipalWhenKeyThenAsTable(String key, boolean expected) {
        assertThat(ObservedContext.describesPrincipal(key)).isEqualTo(expected);
    }
}
