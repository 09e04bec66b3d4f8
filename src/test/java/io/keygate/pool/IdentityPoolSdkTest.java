package io.keygate.pool;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.endpoint;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.support.TestOidcIssuer;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentity.model.SetPrincipalTagAttributeMapResponse;
import software.amazon.awssdk.services.cognitoidentity.model.TooManyRequestsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * Identity pools end to end with the AWS SDK for Java v2 {@link CognitoIdentityClient}: pool administration (signed),
 * the guest and signed-in enhanced flows (GetId + GetCredentialsForIdentity, the credentials then calling STS), a
 * guest keeping its identity id when it signs in, guests refused by a pool that disallows them, the basic flow
 * (GetOpenIdToken + AssumeRoleWithWebIdentity), principal tags from login claims (Set/GetPrincipalTagAttributeMap,
 * seen by the session's policy conditions), a developer token as the {@code cognito-identity.amazonaws.com} login,
 * Cognito's JSON error shapes and the guest GetId rate limit.
 */
@QuarkusTest
class IdentityPoolSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestOidcIssuer idp;

    @BeforeAll
    static void start() throws Exception {
        idp = TestOidcIssuer.start(18171, "/realms/Pools");
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static CognitoIdentityClient admin() {
        return CognitoIdentityClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(root())).build();
    }

    /** The unsigned client an app uses; no retries, so throttling shows at once. */
    private static CognitoIdentityClient app() {
        return CognitoIdentityClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    private static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken());
    }

    private static void ensureProvider(IamClient iam) {
        ensureProvider(iam, idp);
    }

    /** Registers the issuer, or trusts its current certificate when an earlier run registered it. */
    static void ensureProvider(IamClient iam, TestOidcIssuer issuer) {
        String arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.id();
        if (iam.listOpenIDConnectProviders().openIDConnectProviderList().stream().noneMatch(p -> p.arn()
                .equals(arn))) {
            iam.createOpenIDConnectProvider(r -> r.url(issuer.issuer()).clientIDList("app")
                    .thumbprintList(issuer.thumbprint()));
        } else {
            iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                    .thumbprintList(issuer.thumbprint()));
        }
    }

    /** A role that trusts the pool's identities whose {@code amr} has {@code amr}. */
    private static String role(IamClient iam, String name, String poolId, String amr) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                + "\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + poolId + "\"},"
                + "\"ForAnyValue:StringLike\":{\"cognito-identity.amazonaws.com:amr\":\"" + amr + "\"}}}]}";
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void guestFlowWhenPoolAllowsGuestsThenUnauthenticatedRoleCredentials() {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root())) {
            CreateIdentityPoolResponse pool = admin.createIdentityPool(r -> r.identityPoolName("guests " + s)
                    .allowUnauthenticatedIdentities(true).identityPoolTags(Map.of("team", "blue")));
            String poolId = pool.identityPoolId();
            assertThat(poolId).matches("us-east-1:[0-9a-f-]{36}");
            assertThat(pool.allowUnauthenticatedIdentities()).isTrue();
            String guestRole = role(iam, "guest-" + s, poolId, "unauthenticated");
            String userRole = role(iam, "user-" + s, poolId, "authenticated");
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId)
                    .roles(Map.of("unauthenticated", guestRole, "authenticated", userRole)));
            assertThat(admin.getIdentityPoolRoles(r -> r.identityPoolId(poolId)).roles())
                    .isEqualTo(Map.of("unauthenticated", guestRole, "authenticated", userRole));

            String identityId = app.getId(r -> r.identityPoolId(poolId)).identityId();
            assertThat(identityId).matches("us-east-1:[0-9a-f-]{36}");
            GetCredentialsForIdentityResponse answer = app.getCredentialsForIdentity(r -> r.identityId(identityId));
            assertThat(answer.identityId()).isEqualTo(identityId);
            assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(answer.credentials().expiration()).isAfter(java.time.Instant.now().plusSeconds(3000));
            try (StsClient asGuest = sts(session(answer.credentials()))) {
                assertThat(asGuest.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT
                        + ":assumed-role/guest-" + s + "/CognitoIdentityCredentials");
            }

            assertThat(admin.describeIdentityPool(r -> r.identityPoolId(poolId)).identityPoolTags())
                    .isEqualTo(Map.of("team", "blue"));
            assertThat(admin.listIdentityPools(r -> r.maxResults(60)).identityPools())
                    .anyMatch(p -> p.identityPoolId().equals(poolId) && p.identityPoolName().equals("guests " + s));
            assertThat(admin.listIdentities(r -> r.identityPoolId(poolId).maxResults(10)).identities())
                    .extracting(i -> i.identityId()).containsExactly(identityId);
            assertThat(admin.updateIdentityPool(r -> r.identityPoolId(poolId).identityPoolName("renamed " + s)
                    .allowUnauthenticatedIdentities(false)).identityPoolName()).isEqualTo("renamed " + s);
            // Guests are refused from now on, even with an identity id they already hold.
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(identityId)))
                    .isInstanceOf(NotAuthorizedException.class);
            admin.deleteIdentityPool(r -> r.identityPoolId(poolId));
            assertThatThrownBy(() -> admin.describeIdentityPool(r -> r.identityPoolId(poolId)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void signedInFlowWhenLoginIsValidThenSameIdentityAndAuthenticatedRoleAndGuestKeepsItsId() {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root())) {
            ensureProvider(iam);
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("users " + s)
                    .allowUnauthenticatedIdentities(true).supportedLoginProviders(Map.of(idp.id(), "app")))
                    .identityPoolId();
            String guestRole = role(iam, "guest-" + s, poolId, "unauthenticated");
            String userRole = role(iam, "user-" + s, poolId, "authenticated");
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId)
                    .roles(Map.of("unauthenticated", guestRole, "authenticated", userRole)));

            String alice = idp.rs256(idp.claims("alice-" + s, "app").build());
            String first = app.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.id(), alice))).identityId();
            String again = app.getId(r -> r.identityPoolId(poolId)
                    .logins(Map.of(idp.id(), idp.es256(idp.claims("alice-" + s, "app").build())))).identityId();
            assertThat(again).isEqualTo(first);
            GetCredentialsForIdentityResponse answer = app.getCredentialsForIdentity(r -> r.identityId(first)
                    .logins(Map.of(idp.id(), alice)));
            try (StsClient asUser = sts(session(answer.credentials()))) {
                assertThat(asUser.getCallerIdentity().arn()).endsWith(":assumed-role/user-" + s
                        + "/CognitoIdentityCredentials");
            }
            // Without its login, a signed-in identity gets nothing.
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(first)))
                    .isInstanceOfSatisfying(NotAuthorizedException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(403));
            // A token for another audience is refused.
            String foreign = idp.rs256(idp.claims("alice-" + s, "other-app").build());
            assertThatThrownBy(() -> app.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.id(), foreign))))
                    .isInstanceOf(NotAuthorizedException.class);

            // A guest that signs in keeps its identity id.
            String guest = app.getId(r -> r.identityPoolId(poolId)).identityId();
            String bob = idp.rs256(idp.claims("bob-" + s, "app").build());
            GetCredentialsForIdentityResponse upgraded = app.getCredentialsForIdentity(r -> r.identityId(guest)
                    .logins(Map.of(idp.id(), bob)));
            assertThat(upgraded.identityId()).isEqualTo(guest);
            assertThat(app.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.id(), bob))).identityId())
                    .isEqualTo(guest);
            assertThat(admin.describeIdentity(r -> r.identityId(guest)).logins()).containsExactly(idp.id());
            try (StsClient asBob = sts(session(upgraded.credentials()))) {
                assertThat(asBob.getCallerIdentity().arn()).contains(":assumed-role/user-" + s + "/");
            }
        }
    }

    /**
     * Allows iam:ListRoles when the session's client and username tags are those of {@code sub}'s token, and
     * iam:ListUsers when its department tag is legal.
     */
    private static String tagPolicy(String sub) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/client\":\"app\","
                + "\"aws:PrincipalTag/username\":\"" + sub + "\"}}},{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/department\":\"legal\"}}}]}";
    }

    /** A role trusting the pool's signed-in identities, with sts:TagSession when {@code tags}. */
    private static String taggingRole(IamClient iam, String name, String poolId, boolean tags) {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                + "\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":[\"sts:AssumeRoleWithWebIdentity\""
                + (tags ? ",\"sts:TagSession\"" : "") + "],\"Condition\":{\"StringEquals\":{"
                + "\"cognito-identity.amazonaws.com:aud\":\"" + poolId + "\"}}}]}";
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    }

    private static boolean allowed(Runnable call) {
        try {
            call.run();
            return true;
        } catch (software.amazon.awssdk.services.iam.model.IamException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            return false;
        }
    }

    @Test
    void principalTagAttributeMapWhenSetThenGetAnswersItAndSessionsCarryTheClaimsAsTags() {
        String s = suffix();
        String sub = "alice-" + s;
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root())) {
            ensureProvider(iam);
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("tags " + s)
                    .allowUnauthenticatedIdentities(false).supportedLoginProviders(Map.of(idp.id(), "app")))
                    .identityPoolId();
            String tagging = taggingRole(iam, "tagged-" + s, poolId, true);
            iam.putRolePolicy(r -> r.roleName("tagged-" + s).policyName("by-tags").policyDocument(tagPolicy(sub)));
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("authenticated", tagging)));

            // Never set: no defaults, no tags.
            GetPrincipalTagAttributeMapResponse unset = admin.getPrincipalTagAttributeMap(r -> r
                    .identityPoolId(poolId).identityProviderName(idp.id()));
            assertThat(unset.identityPoolId()).isEqualTo(poolId);
            assertThat(unset.identityProviderName()).isEqualTo(idp.id());
            assertThat(unset.useDefaults()).isFalse();
            assertThat(unset.principalTags()).isEmpty();

            // AWS's defaults for OIDC providers: client <- aud, username <- sub.
            SetPrincipalTagAttributeMapResponse defaults = admin.setPrincipalTagAttributeMap(r -> r
                    .identityPoolId(poolId).identityProviderName(idp.id()).useDefaults(true));
            assertThat(defaults.useDefaults()).isTrue();
            assertThat(defaults.principalTags()).isEqualTo(Map.of("client", "aud", "username", "sub"));
            assertThat(admin.getPrincipalTagAttributeMap(r -> r.identityPoolId(poolId)
                    .identityProviderName(idp.id())).principalTags())
                    .isEqualTo(Map.of("client", "aud", "username", "sub"));
            String token = idp.rs256(idp.claims(sub, "app").claim("department", "legal").build());
            String identityId = app.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.id(), token))).identityId();
            Credentials first = app.getCredentialsForIdentity(r -> r.identityId(identityId)
                    .logins(Map.of(idp.id(), token))).credentials();
            try (IamClient asAlice = iam(session(first))) {
                assertThat(allowed(asAlice::listRoles)).as("client and username tags").isTrue();
                assertThat(allowed(asAlice::listUsers)).as("no department tag").isFalse();
            }

            // A custom map replaces the defaults: tag department <- claim department.
            admin.setPrincipalTagAttributeMap(r -> r.identityPoolId(poolId).identityProviderName(idp.id())
                    .useDefaults(false).principalTags(Map.of("department", "department")));
            GetPrincipalTagAttributeMapResponse custom = admin.getPrincipalTagAttributeMap(r -> r
                    .identityPoolId(poolId).identityProviderName(idp.id()));
            assertThat(custom.useDefaults()).isFalse();
            assertThat(custom.principalTags()).isEqualTo(Map.of("department", "department"));
            Credentials second = app.getCredentialsForIdentity(r -> r.identityId(identityId)
                    .logins(Map.of(idp.id(), token))).credentials();
            try (IamClient asAlice = iam(session(second))) {
                assertThat(allowed(asAlice::listUsers)).as("department tag").isTrue();
                assertThat(allowed(asAlice::listRoles)).as("no username tag any more").isFalse();
            }

            // Tags need sts:TagSession in the role's trust, as AWS requires.
            String untagging = taggingRole(iam, "untagged-" + s, poolId, false);
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("authenticated", untagging)));
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(identityId)
                    .logins(Map.of(idp.id(), token)))).isInstanceOf(InvalidIdentityPoolConfigurationException.class);

            assertThatThrownBy(() -> admin.setPrincipalTagAttributeMap(r -> r.identityPoolId(poolId)
                    .identityProviderName("idp.unknown/x").useDefaults(true)))
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> admin.getPrincipalTagAttributeMap(r -> r.identityPoolId(poolId)
                    .identityProviderName("idp.unknown/x"))).isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> admin.getPrincipalTagAttributeMap(r -> r
                    .identityPoolId("us-east-1:00000000-0000-0000-0000-00000000beef")
                    .identityProviderName(idp.id())))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void developerTokenWhenSentAsCognitoLoginThenAuthenticatedRoleCredentials() {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root())) {
            // No classic flow: the enhanced flow takes developer tokens without it.
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("devlogin " + s)
                    .allowUnauthenticatedIdentities(false).developerProviderName("login.myapp")).identityPoolId();
            String roleArn = role(iam, "devlogin-" + s, poolId, "authenticated");
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("authenticated", roleArn)));
            var vouched = admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.myapp", "user-42")));

            GetCredentialsForIdentityResponse answer = app.getCredentialsForIdentity(r -> r
                    .identityId(vouched.identityId())
                    .logins(Map.of("cognito-identity.amazonaws.com", vouched.token())));
            assertThat(answer.identityId()).isEqualTo(vouched.identityId());
            try (StsClient asUser = sts(session(answer.credentials()))) {
                assertThat(asUser.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT
                        + ":assumed-role/devlogin-" + s + "/CognitoIdentityCredentials");
            }

            // Another identity's token, or no login at all, gets nothing.
            var other = admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.myapp", "user-43")));
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(vouched.identityId())
                    .logins(Map.of("cognito-identity.amazonaws.com", other.token()))))
                    .isInstanceOfSatisfying(NotAuthorizedException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(vouched.identityId())))
                    .isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(vouched.identityId())
                    .logins(Map.of("cognito-identity.amazonaws.com", vouched.token() + "x"))))
                    .isInstanceOf(NotAuthorizedException.class);
        }
    }

    @Test
    void getIdWhenPoolDisallowsGuestsThenNotAuthorized() {
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app()) {
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("no guests")
                    .allowUnauthenticatedIdentities(false)).identityPoolId();
            assertThatThrownBy(() -> app.getId(r -> r.identityPoolId(poolId)))
                    .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Unauthenticated access is not supported for this identity pool.");
                    });
        }
    }

    @Test
    void classicFlowWhenOpenIdTokenGoesToStsThenRoleTrustingCognitoIsAssumed() {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root());
             StsClient sts = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("classic " + s)
                    .allowUnauthenticatedIdentities(true).allowClassicFlow(true)).identityPoolId();
            String roleArn = role(iam, "classic-" + s, poolId, "unauthenticated");
            String identityId = app.getId(r -> r.identityPoolId(poolId)).identityId();
            String token = app.getOpenIdToken(r -> r.identityId(identityId)).token();

            AssumeRoleWithWebIdentityResponse answer = sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("classic").webIdentityToken(token));
            assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(identityId);
            assertThat(answer.provider()).isEqualTo("cognito-identity.amazonaws.com");
            assertThat(answer.audience()).isEqualTo(poolId);
            assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/classic-"
                    + s + "/classic");

            // A role that trusts another pool refuses the token.
            String otherPool = admin.createIdentityPool(r -> r.identityPoolName("other " + s)
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String otherRole = role(iam, "other-" + s, otherPool, "unauthenticated");
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(otherRole)
                    .roleSessionName("classic").webIdentityToken(token)))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sts.model.StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void developerIdentityWhenBackendVouchesThenSameIdentityAndTokenAssumesRole() {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); IamClient iam = iam(root());
             StsClient sts = StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("developer " + s)
                    .allowUnauthenticatedIdentities(false).allowClassicFlow(true)
                    .developerProviderName("login.myapp")).identityPoolId();
            String roleArn = role(iam, "dev-" + s, poolId, "authenticated");
            var first = admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.myapp", "user-42")));
            var again = admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.myapp", "user-42")));
            assertThat(again.identityId()).isEqualTo(first.identityId());
            AssumeRoleWithWebIdentityResponse answer = sts.assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("dev").webIdentityToken(first.token()));
            assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(first.identityId());
            assertThat(answer.assumedRoleUser().arn()).endsWith(":assumed-role/dev-" + s + "/dev");
            // Another provider name than the pool's developer provider is refused.
            assertThatThrownBy(() -> admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.other", "user-42")))).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void errorsWhenInputOrConfigurationIsWrongThenCognitoErrorShapes() throws Exception {
        String s = suffix();
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app(); IamClient iam = iam(root())) {
            assertThatThrownBy(() -> admin.createIdentityPool(r -> r.identityPoolName("bad " + s)
                    .allowUnauthenticatedIdentities(true).supportedLoginProviders(Map.of("idp.unknown/x", "app"))))
                    .isInstanceOfSatisfying(InvalidParameterException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            // A guest role whose trust names another pool: the pool's configuration is what is wrong.
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("misconfigured " + s)
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String wrong = role(iam, "wrong-" + s, "us-east-1:00000000-0000-0000-0000-000000000000",
                    "unauthenticated");
            admin.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("unauthenticated", wrong)));
            String identityId = app.getId(r -> r.identityPoolId(poolId)).identityId();
            assertThatThrownBy(() -> app.getCredentialsForIdentity(r -> r.identityId(identityId)))
                    .isInstanceOfSatisfying(InvalidIdentityPoolConfigurationException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).isEqualTo(
                            "Invalid identity pool configuration. Check assigned IAM roles for this pool."));
        }
        // The raw wire: {"__type": …, "message": …}, Cognito's status, and the type in x-amzn-ErrorType.
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityService.GetId")
                .POST(HttpRequest.BodyPublishers.ofString("{\"IdentityPoolId\":\"us-east-1:"
                        + "00000000-0000-0000-0000-00000000beef\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(raw.body());
        assertThat(body.get("__type").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(body.get("message").asText())
                .isEqualTo("IdentityPool 'us-east-1:00000000-0000-0000-0000-00000000beef' not found.");
        assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        // An admin operation without a signature is refused.
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityService.ListIdentityPools")
                .POST(HttpRequest.BodyPublishers.ofString("{\"MaxResults\":10}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unsigned.body()).get("__type").asText())
                .isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void guestGetIdWhenOverTheLimitThenTooManyRequests() {
        try (CognitoIdentityClient admin = admin(); CognitoIdentityClient app = app()) {
            String poolId = admin.createIdentityPool(r -> r.identityPoolName("busy")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            for (int i = 0; i < 20; i++) {
                app.getId(r -> r.identityPoolId(poolId));
            }
            assertThatThrownBy(() -> app.getId(r -> r.identityPoolId(poolId)))
                    .isInstanceOfSatisfying(TooManyRequestsException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(429));
        }
    }

    @Test
    void adminOperationWhenCallerLacksPermissionThenNotAuthorized() {
        String s = suffix();
        try (IamClient iam = iam(root())) {
            iam.createUser(r -> r.userName("no-pools-" + s));
            var key = iam.createAccessKey(r -> r.userName("no-pools-" + s)).accessKey();
            try (CognitoIdentityClient asUser = CognitoIdentityClient.builder().endpointOverride(endpoint())
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                                    key.secretAccessKey()))).build()) {
                assertThatThrownBy(() -> asUser.createIdentityPool(r -> r.identityPoolName("denied")
                        .allowUnauthenticatedIdentities(true)))
                        .isInstanceOfSatisfying(CognitoIdentityException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotAuthorizedException");
                            assertThat(e.awsErrorDetails().errorMessage())
                                    .contains("cognito-identity:CreateIdentityPool");
                        });
            }
        }
    }
}
