package io.keygate.audit;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;

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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
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
