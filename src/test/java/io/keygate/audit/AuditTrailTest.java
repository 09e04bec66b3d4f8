package io.keygate.audit;

import static io.keygate.support.TestClients.endpoint;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.app.KeygateConfig;
import io.keygate.client.KeygateClient;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdResponse;
import software.amazon.awssdk.services.cognitoidentity.model.GetOpenIdTokenForDeveloperIdentityResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * Every call reaches the audit trail once, in CloudTrail's shape and with its secrets hidden, and can be found
 * with {@code POST /api/v1/audit/lookup} by its own account only; the trail on disk verifies.
 */
@QuarkusTest
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KeygateConfig config;

    private static List<JsonNode> lookup(software.amazon.awssdk.auth.credentials.AwsCredentials who, String key, String value) throws Exception {
        KeygateClient.Response answer = TestApi.client(who).post("/api/v1/audit/lookup", Map.of(
                "LookupAttributes", List.of(Map.of("AttributeKey", key, "AttributeValue", value))));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode e : answer.body().path("Events")) {
            events.add(JSON.readTree(e.path("CloudTrailEvent").asText()));
        }
        return events;
    }

    private static JsonNode byRequest(List<JsonNode> events, String requestId) {
        List<JsonNode> found = events.stream().filter(e -> e.path("requestID").asText().equals(requestId)).toList();
        assertThat(found).as("events of request %s", requestId).hasSize(1);
        return found.get(0);
    }

    @Test
    void whenAnAccessKeyIsCreatedThenItsEventHidesTheSecretEverywhere() throws Exception {
        String user = Principals.unique("audited");
        CreateAccessKeyResponse created;
        try (IamClient iam = iam(root())) {
            iam.createUser(b -> b.userName(user).tags(t -> t.key("team").value("blue")));
            created = iam.createAccessKey(b -> b.userName(user));
        }
        String secret = created.accessKey().secretAccessKey();
        JsonNode event = byRequest(lookup(root(), "EventName", "CreateAccessKey"),
                created.responseMetadata().requestId());
        assertThat(event.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(event.path("eventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(event.path("readOnly").asBoolean()).isFalse();
        assertThat(event.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(event.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(event.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(event.path("requestParameters").path("userName").asText()).isEqualTo(user);
        JsonNode key = event.path("responseElements").path("accessKey");
        assertThat(key.path("accessKeyId").asText()).isEqualTo(created.accessKey().accessKeyId());
        assertThat(key.path("secretAccessKey").asText()).isEqualTo(AuditLog.HIDDEN);
        assertThat(trailText()).doesNotContain(secret);
        assertThat(lookup(root(), "ResourceName", user)).extracting(e -> e.path("eventName").asText())
                .contains("CreateUser", "CreateAccessKey");
    }

    @Test
    void whenARoleIsAssumedThenTheEventShowsTheCallerAndHidesTheSessionToken() throws Exception {
        String trust = Principals.trust("arn:aws:iam::111122223333:root",
                "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]", null);
        String role = Principals.role(Principals.unique("audit-role"), trust, null);
        String user = Principals.unique("audit-assumer");
        AwsBasicCredentials keys = Principals.user(user, Principals.allow("sts:*", "*"));
        AssumeRoleResponse assumed;
        try (StsClient sts = sts(keys)) {
            assumed = sts.assumeRole(b -> b.roleArn(role).roleSessionName("audited").sourceIdentity("alice"));
        }
        JsonNode event = byRequest(lookup(root(), "Username", user), assumed.responseMetadata().requestId());
        assertThat(event.path("eventSource").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(event.path("eventName").asText()).isEqualTo("AssumeRole");
        assertThat(event.path("readOnly").asBoolean()).isTrue();
        assertThat(event.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(event.path("userIdentity").path("accessKeyId").asText()).isEqualTo(keys.accessKeyId());
        assertThat(event.path("requestParameters").path("roleArn").asText()).isEqualTo(role);
        assertThat(event.path("requestParameters").path("sourceIdentity").asText()).isEqualTo("alice");
        JsonNode credentials = event.path("responseElements").path("credentials");
        assertThat(credentials.path("accessKeyId").asText()).isEqualTo(assumed.credentials().accessKeyId());
        assertThat(credentials.path("sessionToken").asText()).isEqualTo(AuditLog.HIDDEN);
        assertThat(credentials.path("secretAccessKey").asText()).isEqualTo(AuditLog.HIDDEN);
        assertThat(trailText()).doesNotContain(assumed.credentials().sessionToken())
                .doesNotContain(assumed.credentials().secretAccessKey());

        // the session's own calls carry its session context
        try (StsClient sts = sts(io.keygate.support.TestClients.session(assumed.credentials()))) {
            String id = sts.getCallerIdentity().responseMetadata().requestId();
            JsonNode own = byRequest(lookup(root(), "AccessKeyId", assumed.credentials().accessKeyId()), id);
            assertThat(own.path("userIdentity").path("type").asText()).isEqualTo("AssumedRole");
            assertThat(own.path("userIdentity").path("sourceIdentity").asText()).isEqualTo("alice");
            assertThat(own.path("userIdentity").path("sessionContext").path("sessionIssuer").path("arn").asText())
                    .isEqualTo(role);
            assertThat(own.path("responseElements").isNull()).isTrue();
        }
    }

    @Test
    void whenACallIsRefusedThenTheEventCarriesTheErrorAndOtherAccountsDoNotSeeIt() throws Exception {
        String user = Principals.unique("audit-denied");
        AwsBasicCredentials keys = Principals.user(user, null);
        String requestId;
        try (IamClient iam = iam(keys)) {
            IamException e = (IamException) org.assertj.core.api.Assertions.catchThrowable(iam::listUsers);
            requestId = e.requestId();
        }
        JsonNode event = byRequest(lookup(root(), "Username", user), requestId);
        assertThat(event.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(event.path("errorMessage").asText()).contains("is not authorized to perform: iam:ListUsers");
        TestAccounts.Account other = TestAccounts.create();
        assertThat(lookup(other.root(), "Username", user)).isEmpty();
    }

    @Test
    void whenCognitoIdentityIsCalledThenEventsNameTheOperationHideTokensAndKeysAndCarryErrors() throws Exception {
        String s = Principals.unique("audit-pool");
        String cognitoLogin = "cognito-identity.amazonaws.com";
        String poolId;
        String guest;
        String guestRequest;
        GetOpenIdTokenForDeveloperIdentityResponse vouched;
        GetCredentialsForIdentityResponse credentials;
        CognitoIdentityException refused;
        CognitoIdentityException missing;
        try (CognitoIdentityClient admin = CognitoIdentityClient.builder().endpointOverride(endpoint())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(root())).build();
             CognitoIdentityClient app = CognitoIdentityClient.builder().endpointOverride(endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            poolId = admin.createIdentityPool(r -> r.identityPoolName(s).allowUnauthenticatedIdentities(true)
                    .developerProviderName("login.audit")).identityPoolId();
            String id = poolId;
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                    + "\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                    + "\"Condition\":{\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + id + "\"}}}]}";
            String role = Principals.role(s, trust, null);
            admin.setIdentityPoolRoles(r -> r.identityPoolId(id).roles(Map.of("authenticated", role,
                    "unauthenticated", role)));
            GetIdResponse got = app.getId(r -> r.identityPoolId(id));
            guest = got.identityId();
            guestRequest = got.responseMetadata().requestId();
            vouched = admin.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(id)
                    .logins(Map.of("login.audit", "user-" + s)));
            String token = vouched.token();
            credentials = app.getCredentialsForIdentity(r -> r.identityId(vouched.identityId())
                    .logins(Map.of(cognitoLogin, token)));
            // the developer token is another identity's: refused, unsigned, for a pool of the account
            refused = (CognitoIdentityException) catchThrowable(() -> app.getCredentialsForIdentity(r -> r
                    .identityId(guest).logins(Map.of(cognitoLogin, token))));
            missing = (CognitoIdentityException) catchThrowable(() -> admin.describeIdentityPool(r -> r
                    .identityPoolId("us-east-1:00000000-0000-0000-0000-0000000dead0")));
        }
        List<JsonNode> events = lookup(root(), "ResourceName", poolId);

        JsonNode getId = byRequest(events, guestRequest);
        assertThat(getId.path("eventSource").asText()).isEqualTo("cognito-identity.amazonaws.com");
        assertThat(getId.path("eventName").asText()).isEqualTo("GetId");
        assertThat(getId.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(getId.path("userIdentity").path("type").asText()).isEqualTo("Unknown");
        assertThat(getId.path("requestParameters").path("identityPoolId").asText()).isEqualTo(poolId);
        assertThat(getId.path("responseElements").path("identityId").asText()).isEqualTo(guest);
        assertThat(getId.has("errorCode")).isFalse();

        JsonNode vouch = byRequest(events, vouched.responseMetadata().requestId());
        assertThat(vouch.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(vouch.path("requestParameters").path("logins").path("login.audit").asText())
                .isEqualTo(AuditLog.HIDDEN);
        assertThat(vouch.path("responseElements").path("token").asText()).isEqualTo(AuditLog.HIDDEN);

        JsonNode minted = byRequest(lookup(root(), "ResourceName", vouched.identityId()),
                credentials.responseMetadata().requestId());
        assertThat(minted.path("eventName").asText()).isEqualTo("GetCredentialsForIdentity");
        assertThat(minted.path("requestParameters").path("logins").path(cognitoLogin).asText())
                .isEqualTo(AuditLog.HIDDEN);
        JsonNode keys = minted.path("responseElements").path("credentials");
        assertThat(keys.path("accessKeyId").asText()).isEqualTo(credentials.credentials().accessKeyId());
        assertThat(keys.path("secretKey").asText()).isEqualTo(AuditLog.HIDDEN);
        assertThat(keys.path("sessionToken").asText()).isEqualTo(AuditLog.HIDDEN);

        JsonNode failed = byRequest(lookup(root(), "ResourceName", guest), refused.requestId());
        assertThat(failed.path("errorCode").asText()).isEqualTo("NotAuthorizedException");
        assertThat(failed.path("errorMessage").asText()).isEqualTo(refused.awsErrorDetails().errorMessage());
        assertThat(failed.path("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(failed.path("responseElements").isNull()).isTrue();

        JsonNode notFound = byRequest(lookup(root(), "ResourceName", "us-east-1:00000000-0000-0000-0000-0000000dead0"),
                missing.requestId());
        assertThat(notFound.path("errorCode").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(notFound.path("requestParameters").path("identityPoolId").asText())
                .isEqualTo("us-east-1:00000000-0000-0000-0000-0000000dead0");

        assertThat(trailText()).doesNotContain(vouched.token())
                .doesNotContain(credentials.credentials().secretKey())
                .doesNotContain(credentials.credentials().sessionToken());
        assertThat(lookup(TestAccounts.create().root(), "ResourceName", poolId)).isEmpty();
    }

    @Test
    void whenTheCallerMayNotLookUpThenAccessDenied() throws Exception {
        AwsBasicCredentials keys = Principals.user(Principals.unique("audit-nosy"), null);
        KeygateClient.Response answer = TestApi.client(keys).post("/api/v1/audit/lookup", Map.of());
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void whenResultsSpanPagesThenNextTokenContinuesWithoutRepeats() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (StsClient sts = sts(root())) {
                sts.getCallerIdentity();
            }
        }
        KeygateClient api = TestApi.client(root());
        Map<String, Object> ask = Map.of("MaxResults", 2, "LookupAttributes",
                List.of(Map.of("AttributeKey", "EventName", "AttributeValue", "GetCallerIdentity")));
        KeygateClient.Response first = api.post("/api/v1/audit/lookup", ask);
        assertThat(first.body().path("Events")).hasSize(2);
        String token = first.body().path("NextToken").asText();
        assertThat(token).isNotEmpty();
        KeygateClient.Response second = api.post("/api/v1/audit/lookup", Map.of("MaxResults", 2, "NextToken", token,
                "LookupAttributes", ask.get("LookupAttributes")));
        List<String> ids = new ArrayList<>();
        first.body().path("Events").forEach(e -> ids.add(e.path("EventId").asText()));
        second.body().path("Events").forEach(e -> ids.add(e.path("EventId").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void whenTheTrailIsReadFromDiskThenItsChainVerifies() throws Exception {
        try (StsClient sts = sts(root())) {
            sts.getCallerIdentity();
        }
        AuditLog.Verification v = AuditLog.verify(config.dataDir().resolve("audit"), "node");
        assertThat(v.firstBreak()).isNull();
        assertThat(v.events()).isPositive();
    }

    private String trailText() throws Exception {
        Path dir = config.dataDir().resolve("audit");
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
