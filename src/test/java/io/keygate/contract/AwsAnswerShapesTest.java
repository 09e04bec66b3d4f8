package io.keygate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Answers shaped as AWS shapes them where the model's member list allows more than AWS sends (observed from AWS):
 * lists leave out what only Get* returns, CreatePolicy and ListPolicies leave out Description, GetPolicy carries
 * Tags even when empty, GenerateCredentialReport answers STARTED before COMPLETE, GetAccountSummary carries AWS's
 * keys and no others, and counts server certificates and the root's signing certificates and shows the token version
 * SetSecurityTokenServicePreferences chose. Each check runs in an account of its own.
 */
@QuarkusTest
class AwsAnswerShapesTest {

    private static final String VERSION = "2010-05-08";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    /** The keys AWS answers GetAccountSummary with for an account whose root has no console password. */
    private static final Set<String> SUMMARY_KEYS = new TreeSet<>(List.of("GroupPolicySizeQuota",
            "InstanceProfilesQuota", "Policies", "GroupsPerUserQuota", "InstanceProfiles",
            "AttachedPoliciesPerUserQuota", "Users", "PoliciesQuota", "Providers", "AccountMFAEnabled",
            "AccessKeysPerUserQuota", "AssumeRolePolicySizeQuota", "PolicyVersionsInUseQuota",
            "GlobalEndpointTokenVersion", "VersionsPerPolicyQuota", "AttachedPoliciesPerGroupQuota", "PolicySizeQuota",
            "Groups", "AccountSigningCertificatesPresent", "UsersQuota", "ServerCertificatesQuota", "MFADevices",
            "UserPolicySizeQuota", "PolicyVersionsInUse", "ServerCertificates", "Roles", "RolesQuota",
            "SigningCertificatesPerUserQuota", "MFADevicesInUse", "RolePolicySizeQuota",
            "AttachedPoliciesPerRoleQuota", "AccountAccessKeysPresent", "GroupsQuota"));

    private QueryCalls root;
    private String boundary;

    @BeforeEach
    void freshAccount() throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        root = new QueryCalls(SigningCredentials.of(created.get("AccessKeyId").asText(),
                created.get("SecretAccessKey").asText()));
        boundary = call("CreatePolicy", "PolicyName", "boundary", "PolicyDocument", POLICY,
                "Description", "the boundary").text("Arn");
    }

    @Test
    void listRolesAndListUsersOmitBoundaryTagsAndLastUsed() {
        call("CreateRole", "RoleName", "tagged", "AssumeRolePolicyDocument", TRUST, "PermissionsBoundary", boundary,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue");
        call("CreateUser", "UserName", "tagged", "PermissionsBoundary", boundary,
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue");
        assertThat(members(call("ListRoles"), "Roles")).singleElement()
                .satisfies(r -> assertThat(names(r)).doesNotContain("PermissionsBoundary", "Tags", "RoleLastUsed"));
        assertThat(members(call("ListUsers"), "Users")).singleElement()
                .satisfies(u -> assertThat(names(u)).doesNotContain("PermissionsBoundary", "Tags"));
        assertThat(names(first(call("GetRole", "RoleName", "tagged"), "Role")))
                .contains("PermissionsBoundary", "Tags", "RoleLastUsed");
        assertThat(names(first(call("GetUser", "UserName", "tagged"), "User"))).contains("PermissionsBoundary", "Tags");
    }

    @Test
    void createPolicyAndListPoliciesOmitDescriptionGetPolicyHasTagsEvenEmpty() {
        QueryCalls.Answer created = call("CreatePolicy", "PolicyName", "described", "PolicyDocument", POLICY,
                "Description", "what it is for");
        assertThat(names(first(created, "Policy"))).doesNotContain("Description");
        assertThat(members(call("ListPolicies", "Scope", "Local"), "Policies"))
                .allSatisfy(p -> assertThat(names(p)).doesNotContain("Description", "Tags"));
        Element got = first(call("GetPolicy", "PolicyArn", created.text("Arn")), "Policy");
        assertThat(names(got)).contains("Description", "Tags");
        assertThat(QueryCalls.children(child(got, "Tags"))).isEmpty();
    }

    @Test
    void generateCredentialReportStartsThenCompletes() {
        QueryCalls.Answer first = call("GenerateCredentialReport");
        QueryCalls.Answer second = call("GenerateCredentialReport");
        assertThat(first.text("State")).isEqualTo("STARTED");
        assertThat(first.text("Description")).isEqualTo("No report exists. Starting a new report generation task");
        assertThat(second.text("State")).isEqualTo("COMPLETE");
    }

    @Test
    void getAccountSummaryHasExactlyAwsKeys() {
        assertThat(new TreeSet<>(call("GetAccountSummary").texts("key"))).isEqualTo(SUMMARY_KEYS);
        // AWS's documented list (the API reference's "Valid Keys", the model's summaryKeyType), less the one key AWS
        // shows only when the root has a console password.
        Set<String> documented = new TreeSet<>(io.keygate.protocol.model.ServiceModel
                .load(io.keygate.protocol.model.ServiceModel.IAM).shape("summaryKeyType").enums());
        documented.remove("AccountPasswordPresent");
        assertThat(SUMMARY_KEYS).isEqualTo(documented);
    }

    @Test
    void getAccountSummaryCountsCertificatesAndShowsTheTokenVersion() {
        assertThat(summary()).containsEntry("ServerCertificates", "0").containsEntry("ServerCertificatesQuota", "20")
                .containsEntry("AccountSigningCertificatesPresent", "0").containsEntry("GlobalEndpointTokenVersion", "1");
        // A user's signing certificate is not the account's (the root's).
        call("CreateUser", "UserName", "signer");
        call("UploadSigningCertificate", "UserName", "signer", "CertificateBody", pem("ec-cert.pem"));
        assertThat(summary()).containsEntry("AccountSigningCertificatesPresent", "0");

        call("UploadSigningCertificate", "CertificateBody", pem("signing-cert.pem"));
        call("UploadServerCertificate", "ServerCertificateName", "web", "CertificateBody", pem("server-cert.pem"),
                "PrivateKey", pem("server-key-pkcs1.pem"));
        call("SetSecurityTokenServicePreferences", "GlobalEndpointTokenVersion", "v2Token");
        assertThat(summary()).containsEntry("ServerCertificates", "1").containsEntry("ServerCertificatesQuota", "20")
                .containsEntry("AccountSigningCertificatesPresent", "1").containsEntry("GlobalEndpointTokenVersion", "2");

        call("DeleteServerCertificate", "ServerCertificateName", "web");
        call("SetSecurityTokenServicePreferences", "GlobalEndpointTokenVersion", "v1Token");
        assertThat(summary()).containsEntry("ServerCertificates", "0").containsEntry("GlobalEndpointTokenVersion", "1");
    }

    private Map<String, String> summary() {
        QueryCalls.Answer answer = call("GetAccountSummary");
        List<String> keys = answer.texts("key");
        List<String> values = answer.texts("value");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), values.get(i));
        }
        return out;
    }

    private static String pem(String name) {
        try (var in = AwsAnswerShapesTest.class.getResourceAsStream("/iam-credentials/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private QueryCalls.Answer call(String action, String... nameValues) {
        QueryCalls.Answer answer = root.call(VERSION, action, nameValues);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    private static Element first(QueryCalls.Answer answer, String name) {
        return (Element) answer.xml().getElementsByTagNameNS("*", name).item(0);
    }

    private static List<Element> members(QueryCalls.Answer answer, String list) {
        return QueryCalls.children(first(answer, list));
    }

    private static Element child(Element parent, String name) {
        return QueryCalls.children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<String> names(Element element) {
        return QueryCalls.children(element).stream().map(Element::getLocalName).toList();
    }
}
