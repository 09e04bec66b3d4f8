package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.allow;
import static io.keygate.support.Principals.role;
import static io.keygate.support.Principals.roleArn;
import static io.keygate.support.Principals.statement;
import static io.keygate.support.Principals.trust;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.Principals.user;
import static io.keygate.support.Principals.userArn;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.session;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/** AssumeRole through the AWS SDK for Java v2: trust, intersection, chaining, MFA, tags, source identity. */
@QuarkusTest
class AssumeRoleSdkTest {

    private static final String ASSUME = "\"sts:AssumeRole\"";
    private static final String ASSUME_AND_TAG = "[\"sts:AssumeRole\",\"sts:TagSession\"]";
    private static final String ASSUME_AND_SOURCE = "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\",\"sts:TagSession\"]";

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SdkServiceException.class, e -> {
            String actual = e instanceof StsException s ? s.awsErrorDetails().errorCode()
                    : ((software.amazon.awssdk.awscore.exception.AwsServiceException) e).awsErrorDetails().errorCode();
            assertThat(actual).isEqualTo(code);
        });
    }

    /** A user allowed to assume any role, and a role trusting the account, with {@code rolePolicy}. */
    private record Setup(String userName, AwsBasicCredentials userKeys, String roleName, String roleArn) {
    }

    private static Setup setup(String trustActions, String trustCondition, String rolePolicy) {
        String userName = unique("caller");
        AwsBasicCredentials keys = user(userName, allow("sts:*", "*"));
        String roleName = unique("role");
        String arn = role(roleName, trust(userArn(userName), trustActions, trustCondition), rolePolicy);
        return new Setup(userName, keys, roleName, arn);
    }

    private static AssumeRoleResponse assume(AwsCredentials as, AssumeRoleRequest request) {
        try (StsClient sts = sts(as)) {
            return sts.assumeRole(request);
        }
    }

    @Test
    @SuppressWarnings("deprecation") // the STS model marks PackedPolicySize deprecated; AWS still answers it
    void assumeRoleReturnsTheSessionIdentity() {
        Setup s = setup(ASSUME, null, allow("iam:ListUsers", "*"));
        AssumeRoleResponse r = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("alice-session").build());
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + s.roleName() + "/alice-session";
        assertThat(r.assumedRoleUser().arn()).isEqualTo(sessionArn);
        assertThat(r.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":alice-session");
        assertThat(r.packedPolicySize()).isZero();
        assertThat(Duration.between(Instant.now(), r.credentials().expiration()))
                .isBetween(Duration.ofSeconds(3500), Duration.ofSeconds(3610));
        try (StsClient sts = sts(session(r.credentials()))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(sessionArn);
        }
        try (IamClient iam = iam(session(r.credentials()))) {
            assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains(s.userName());
        }
    }

    @Test
    void unknownAndUntrustingRolesLookTheSame() {
        Setup s = setup(ASSUME, null, null);
        String untrusting = role(unique("closed"), trust(userArn("someone-else"), ASSUME, null), null);
        assertThatThrownBy(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(untrusting)
                .roleSessionName("x1").build()))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: " + userArn(s.userName())
                            + " is not authorized to perform: sts:AssumeRole on resource: " + untrusting);
                });
        String missing = roleArn("does-not-exist-" + s.roleName());
        assertThatThrownBy(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(missing)
                .roleSessionName("x1").build()))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: " + userArn(s.userName())
                            + " is not authorized to perform: sts:AssumeRole on resource: " + missing);
                });
    }

    @Test
    void rootCannotAssumeRoles() {
        Setup s = setup(ASSUME, null, null);
        assertCode(() -> assume(root(), AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("r1").build()),
                "AccessDenied");
    }

    @Test
    void callerNeedsItsOwnPermissionWhenTheTrustPolicyNamesTheAccount() {
        String userName = unique("noperm");
        AwsBasicCredentials keys = user(userName, allow("iam:ListUsers", "*"));
        String viaAccount = role(unique("acct"), trust("arn:aws:iam::" + ACCOUNT + ":root", ASSUME, null), null);
        assertCode(() -> assume(keys, AssumeRoleRequest.builder().roleArn(viaAccount).roleSessionName("s1").build()),
                "AccessDenied");
        String directName = unique("direct");
        String direct = role(directName, trust(userArn(userName), ASSUME, null), null);
        assertThat(assume(keys, AssumeRoleRequest.builder().roleArn(direct).roleSessionName("s1").build())
                .assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + directName + "/s1");
    }

    @Test
    @SuppressWarnings("deprecation") // the STS model marks PackedPolicySize deprecated; AWS still answers it
    void sessionPolicyIntersectsWithTheRolePolicies() {
        String rolePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"iam:ListUsers\",\"iam:ListRoles\"],\"Resource\":\"*\"}]}";
        Setup s = setup(ASSUME, null, rolePolicy);
        String sessionPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"iam:ListUsers\",\"iam:ListGroups\"],\"Resource\":\"*\"}]}";
        AssumeRoleResponse r = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("narrow").policy(sessionPolicy).build());
        // pinned for this fixed policy: its minified, deflated form is 11% of the 1,024-byte budget (rounded up)
        assertThat(r.packedPolicySize()).isEqualTo(11);
        try (IamClient iam = iam(session(r.credentials()))) {
            iam.listUsers();
            assertCode(iam::listRoles, "AccessDenied");
            assertCode(iam::listGroups, "AccessDenied");
        }
    }

    @Test
    void malformedOrOversizedSessionPoliciesAreRefused() {
        Setup s = setup(ASSUME_AND_TAG, null, null);
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("bad").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}")
                .build()), "MalformedPolicyDocument");
        Tag[] tags = new Tag[50];
        for (int i = 0; i < 50; i++) {
            String random = (java.util.UUID.randomUUID() + "" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID()
                    + java.util.UUID.randomUUID() + java.util.UUID.randomUUID()).replace("-", "");
            tags[i] = Tag.builder().key("k" + i + "-" + random.substring(0, 60)).value(random).build();
        }
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("big").tags(tags).build()), "PackedPolicyTooLarge");
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("bad name!").build()), "ValidationError");
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("long").durationSeconds(43_201).build()), "ValidationError");
    }

    @Test
    void externalIdMustMatchTheTrustCondition() {
        Setup s = setup(ASSUME, "{\"StringEquals\":{\"sts:ExternalId\":\"partner-42\"}}", null);
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("e1").build()), "AccessDenied");
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("e1").externalId("partner-41").build()), "AccessDenied");
        Credentials matched = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("e1").externalId("partner-42").build()).credentials();
        try (StsClient sts = sts(session(matched))) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + s.roleName() + "/e1");
        }
    }

    @Test
    void roleChainingIsCappedAtOneHour() {
        Setup first = setup(ASSUME, null, allow("sts:AssumeRole", "*"));
        String second = role(unique("second"), trust(first.roleArn(), ASSUME, null), allow("iam:ListUsers", "*"));
        Credentials hop1 = assume(first.userKeys(), AssumeRoleRequest.builder().roleArn(first.roleArn())
                .roleSessionName("hop1").durationSeconds(7200).build()).credentials();
        assertCode(() -> assume(session(hop1), AssumeRoleRequest.builder().roleArn(second).roleSessionName("hop2")
                .durationSeconds(3601).build()), "ValidationError");
        AssumeRoleResponse hop2 = assume(session(hop1), AssumeRoleRequest.builder().roleArn(second)
                .roleSessionName("hop2").build());
        assertThat(Duration.between(Instant.now(), hop2.credentials().expiration())).isLessThanOrEqualTo(Duration.ofSeconds(3600));
        try (StsClient sts = sts(session(hop2.credentials()))) {
            assertCode(sts::getSessionToken, "AccessDenied");
        }
    }

    @Test
    void mfaRequiredByTheTrustPolicyIsMetOnlyWithMfa() {
        // the session's MFA facts reach its own requests: present, and authenticated seconds (not hours) ago
        String rolePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{"
                + "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
                + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"600\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListGroups\",\"Resource\":\"*\",\"Condition\":{"
                + "\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\",\"Condition\":{"
                + "\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}";
        Setup s = setup(ASSUME, "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}", rolePolicy);
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("m1").build()), "AccessDenied");
        byte[] seed;
        String serial;
        try (IamClient iam = iam(root())) {
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(s.userName())).virtualMFADevice();
            serial = device.serialNumber();
            seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            iam.enableMFADevice(b -> b.userName(s.userName()).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(seed, Instant.now().minusSeconds(30)))
                    .authenticationCode2(Totp.generate(seed, Instant.now())));
        }
        String code = Totp.generate(seed, Instant.now().plusSeconds(30));
        Credentials withMfa = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("m2").serialNumber(serial).tokenCode(code).build()).credentials();
        try (IamClient iam = iam(session(withMfa))) {
            assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains(s.userName());
            assertCode(iam::listGroups, "AccessDenied");
            assertCode(iam::listRoles, "AccessDenied");
        }
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("m3")
                .serialNumber(serial).tokenCode(code).build()), "AccessDenied");
    }

    @Test
    void sessionTagsAreVisibleAsPrincipalTagsAndTransitiveThroughChaining() {
        String tagged = "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}";
        Setup s = setup(ASSUME_AND_TAG, null, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":" + tagged + "},"
                + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        Credentials blue = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("bl")
                .tags(Tag.builder().key("team").value("blue").build()).transitiveTagKeys("team").build()).credentials();
        Credentials red = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("rd")
                .tags(Tag.builder().key("team").value("red").build()).build()).credentials();
        try (IamClient iam = iam(session(blue))) {
            iam.listUsers();
        }
        try (IamClient iam = iam(session(red))) {
            assertCode(iam::listUsers, "AccessDenied");
        }
        String next = role(unique("next"), trust(s.roleArn(), ASSUME_AND_TAG, null),
                statement("Allow", "iam:ListUsers", "*", tagged));
        Credentials chained = assume(session(blue), AssumeRoleRequest.builder().roleArn(next).roleSessionName("ch")
                .build()).credentials();
        try (IamClient iam = iam(session(chained))) {
            iam.listUsers();
        }
        assertCode(() -> assume(session(blue), AssumeRoleRequest.builder().roleArn(next).roleSessionName("c2")
                .tags(Tag.builder().key("TEAM").value("green").build()).build()), "InvalidParameterValue");
    }

    @Test
    void tagsNeedTagSessionInTheTrustPolicy() {
        Setup s = setup(ASSUME, null, null);
        assertCode(() -> assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("tg")
                .tags(Tag.builder().key("team").value("blue").build()).build()), "AccessDenied");
    }

    @Test
    void sourceIdentityPersistsThroughChainingAndCannotChange() {
        Setup s = setup(ASSUME_AND_SOURCE, null, allow("sts:AssumeRole", "*"));
        AssumeRoleResponse first = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("si").sourceIdentity("alice").build());
        assertThat(first.sourceIdentity()).isEqualTo("alice");
        String next = role(unique("si-next"), trust(s.roleArn(), ASSUME_AND_SOURCE, null), null);
        AssumeRoleResponse chained = assume(session(first.credentials()), AssumeRoleRequest.builder().roleArn(next)
                .roleSessionName("si2").build());
        assertThat(chained.sourceIdentity()).isEqualTo("alice");
        assertCode(() -> assume(session(first.credentials()), AssumeRoleRequest.builder().roleArn(next)
                .roleSessionName("si3").sourceIdentity("mallory").build()), "ValidationError");
        Setup noSource = setup(ASSUME, null, null);
        assertCode(() -> assume(noSource.userKeys(), AssumeRoleRequest.builder().roleArn(noSource.roleArn())
                .roleSessionName("si4").sourceIdentity("alice").build()), "AccessDenied");
    }

    @Test
    void revokingOlderSessionsOfARoleWorksBothWays() throws Exception {
        Setup s = setup(ASSUME, null, allow("iam:ListUsers", "*"));
        AssumeRoleRequest request = AssumeRoleRequest.builder().roleArn(s.roleArn()).roleSessionName("old").build();
        Credentials old = assume(s.userKeys(), request).credentials();
        Thread.sleep(1100);
        String now = Instant.now().toString();
        try (IamClient iam = iam(root())) {
            iam.putRolePolicy(b -> b.roleName(s.roleName()).policyName("AWSRevokeOlderSessions").policyDocument(
                    statement("Deny", "*", "*", "{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}")));
        }
        Thread.sleep(1100);
        Credentials fresh = assume(s.userKeys(), request).credentials();
        try (IamClient iam = iam(session(old))) {
            assertCode(iam::listUsers, "AccessDenied");
        }
        try (IamClient iam = iam(session(fresh))) {
            iam.listUsers();
        }
        var answer = TestApi.client(root()).post("/api/v1/revocations", Map.of("RoleArn", s.roleArn()));
        assertThat(answer.status()).isEqualTo(201);
        try (StsClient sts = sts(session(fresh))) {
            assertCode(sts::getCallerIdentity, "ExpiredToken");
        }
        Thread.sleep(1100);
        Credentials after = assume(s.userKeys(), request).credentials();
        try (StsClient sts = sts(session(after))) {
            assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/" + s.roleName() + "/old");
        }
    }

    @Test
    void revokingBySourceIdentityRefusesEverySessionCarryingIt() throws Exception {
        Setup s = setup(ASSUME_AND_SOURCE, null, null);
        String who = unique("si");
        Credentials creds = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("xx").sourceIdentity(who).build()).credentials();
        assertThat(TestApi.client(root()).post("/api/v1/revocations", Map.of("SourceIdentity", who)).status())
                .isEqualTo(201);
        try (StsClient sts = sts(session(creds))) {
            assertCode(sts::getCallerIdentity, "InvalidClientTokenId");
        }
    }

    @Test
    void deletingTheRoleMakesItsSessionsFail() {
        Setup s = setup(ASSUME, null, allow("iam:ListUsers", "*"));
        Credentials creds = assume(s.userKeys(), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("gone").build()).credentials();
        try (IamClient iam = iam(root())) {
            iam.deleteRolePolicy(b -> b.roleName(s.roleName()).policyName("inline"));
            iam.deleteRole(b -> b.roleName(s.roleName()));
        }
        try (StsClient sts = sts(session(creds))) {
            assertCode(sts::getCallerIdentity, "InvalidClientTokenId");
        }
    }

    @Test
    void sdkAssumeRoleCredentialsProviderRefreshes() {
        Setup s = setup(ASSUME, null, null);
        try (StsClient base = sts(s.userKeys());
             StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                     .stsClient(base)
                     .refreshRequest(r -> r.roleArn(s.roleArn()).roleSessionName("sdk").durationSeconds(900))
                     .staleTime(Duration.ofSeconds(900))
                     .prefetchTime(Duration.ofSeconds(900))
                     .asyncCredentialUpdateEnabled(false)
                     .build();
             StsClient asRole = StsClient.builder().endpointOverride(io.keygate.support.TestClients.endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(provider).build()) {
            assertThat(asRole.getCallerIdentity().arn()).endsWith(":assumed-role/" + s.roleName() + "/sdk");
            String firstKey = provider.resolveCredentials().accessKeyId();
            String secondKey = provider.resolveCredentials().accessKeyId();
            assertThat(firstKey).startsWith("ASIA");
            assertThat(secondKey).startsWith("ASIA").isNotEqualTo(firstKey);
            assertThat(asRole.getCallerIdentity().arn()).endsWith("/sdk");
        }
    }

    @Test
    void federationTokenCredentialsCannotAssumeRoles() {
        Setup s = setup(ASSUME, null, null);
        Credentials fed;
        try (StsClient sts = sts(s.userKeys())) {
            fed = sts.getFederationToken(b -> b.name("fed-user").policy(allow("*", "*"))).credentials();
        }
        assertCode(() -> assume(session(fed), AssumeRoleRequest.builder().roleArn(s.roleArn())
                .roleSessionName("fd").build()), "AccessDenied");
        try (StsClient sts = sts(session(fed))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/fed-user");
        }
        try (IamClient iam = iam(session(fed))) {
            assertCode(iam::listUsers, "AccessDenied");
        }
        StaticCredentialsProvider.create(session(fed));
    }
}
