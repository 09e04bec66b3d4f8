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
 * keys and no others. Each check runs in an account of its own.
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
