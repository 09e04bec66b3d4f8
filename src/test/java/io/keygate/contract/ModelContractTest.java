package io.keygate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.app.ActionSet;
import io.keygate.auth.AccessDecision;
import io.keygate.auth.AuthorizationMessages;
import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.policy.Decision;
import io.keygate.policy.EvalDecision;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;
import io.keygate.protocol.model.Operation;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every implemented IAM and STS action, called with realistic inputs through the wire (signed raw Query requests in
 * an account of its own), answers exactly what its output shape in the AWS model says (see {@link OutputShapes}):
 * the result wrapper even when empty, only the shape's members, {@code <member>} list items, ISO-8601 timestamps.
 *
 * <p>The scenario runs top to bottom as one story (create, read, update, list, delete) so that every action has real
 * entities to act on. When you implement an operation, add a call to it in the section of its feature (or a new
 * section method called from {@link #everyImplementedActionAnswersItsOutputShape()}), and delete its line from
 * {@code aws-models/not-implemented.txt} (see {@link ModelCoverageTest}). The test fails for an implemented action
 * it never called successfully.
 */
@QuarkusTest
class ModelContractTest {

    private static final String IAM_VERSION = "2010-05-08";
    private static final String STS_VERSION = "2011-06-15";
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String READ_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"iam:Get*\"],\"Resource\":\"*\"}]}";

    @Inject
    Instance<ActionSet> actionSets;

    @Inject
    AuthorizationMessages authorizationMessages;

    private final List<String> problems = new ArrayList<>();
    private final Set<String> called = new TreeSet<>();
    private QueryCalls root;
    private String account;
    private String suffix;

    @BeforeEach
    void newAccount() throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        account = created.get("AccountId").asText();
        root = new QueryCalls(SigningCredentials.of(created.get("AccessKeyId").asText(),
                created.get("SecretAccessKey").asText()));
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyImplementedActionAnswersItsOutputShape() {
        String boundary = managedPolicies();
        users(boundary);
        groups();
        roles(boundary);
        instanceProfiles();
        passwords();
        accountSettings();
        simulation();
        mfa();
        credentials();
        serviceLinkedRolesAndAccount();
        sts();
        saml();
        webIdentity();

        assertThat(problems).as("answers that differ from the model's output shapes").isEmpty();
        Set<String> neverCalled = new TreeSet<>(Contract.implemented(actionSets));
        neverCalled.removeAll(called);
        assertThat(neverCalled).as("implemented actions this contract test never called successfully: add a call")
                .isEmpty();
    }

    // ------------------------------------------------------------------ IAM sections

    /** Managed policies and their versions and tags; leaves one policy behind to serve as a permissions boundary. */
    private String managedPolicies() {
        String name = "contract-" + suffix;
        String arn = iam("CreatePolicy", "PolicyName", name, "Path", "/contract/", "PolicyDocument", READ_ONLY,
                "Description", "contract test", "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue")
                .text("Arn");
        iam("GetPolicy", "PolicyArn", arn);
        iam("ListPolicies", "Scope", "Local", "PathPrefix", "/contract/", "MaxItems", "10");
        iam("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", ALLOW_ALL, "SetAsDefault", "false");
        iam("GetPolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        iam("ListPolicyVersions", "PolicyArn", arn);
        iam("SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        iam("SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v1");
        iam("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        iam("TagPolicy", "PolicyArn", arn, "Tags.member.1.Key", "cost", "Tags.member.1.Value", "42");
        iam("ListPolicyTags", "PolicyArn", arn);
        iam("UntagPolicy", "PolicyArn", arn, "TagKeys.member.1", "cost");

        String doomed = iam("CreatePolicy", "PolicyName", name + "-doomed", "PolicyDocument", READ_ONLY).text("Arn");
        iam("DeletePolicy", "PolicyArn", doomed);
        return arn;
    }

    private void users(String policyArn) {
        String user = "alice-" + suffix;
        iam("CreateUser", "UserName", user, "Path", "/contract/", "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue");
        iam("GetUser", "UserName", user);
        // AWS answers GetUser for the root (no UserName given) without Path and UserName: the root is no IAM user.
        allowing(Set.of("GetUser.GetUserResult.User: required member <Path> of User is missing",
                "GetUser.GetUserResult.User: required member <UserName> of User is missing"),
                root.call(IAM_VERSION, "GetUser"));
        iam("UpdateUser", "UserName", user, "NewPath", "/contract/people/");
        iam("ListUsers", "PathPrefix", "/contract/");
        iam("TagUser", "UserName", user, "Tags.member.1.Key", "floor", "Tags.member.1.Value", "3");
        iam("ListUserTags", "UserName", user);
        iam("UntagUser", "UserName", user, "TagKeys.member.1", "floor");
        iam("PutUserPermissionsBoundary", "UserName", user, "PermissionsBoundary", policyArn);
        iam("DeleteUserPermissionsBoundary", "UserName", user);

        String key = iam("CreateAccessKey", "UserName", user).text("AccessKeyId");
        iam("ListAccessKeys", "UserName", user);
        iam("UpdateAccessKey", "UserName", user, "AccessKeyId", key, "Status", "Inactive");
        iam("GetAccessKeyLastUsed", "AccessKeyId", key);
        iam("DeleteAccessKey", "UserName", user, "AccessKeyId", key);

        policiesOf("User", "UserName", user, policyArn);

        String job = iam("GenerateServiceLastAccessedDetails", "Arn",
                "arn:aws:iam::" + account + ":user/contract/people/" + user).text("JobId");
        iam("GetServiceLastAccessedDetails", "JobId", job);
        iam("GetServiceLastAccessedDetailsWithEntities", "JobId", job, "ServiceNamespace", "iam");

        String doomed = "doomed-" + suffix;
        iam("CreateUser", "UserName", doomed);
        iam("DeleteUser", "UserName", doomed);
    }

    /** Inline and attached policies of a user, group or role ({@code kind}). */
    private void policiesOf(String kind, String nameParam, String name, String policyArn) {
        iam("Put" + kind + "Policy", nameParam, name, "PolicyName", "inline", "PolicyDocument", READ_ONLY);
        iam("Get" + kind + "Policy", nameParam, name, "PolicyName", "inline");
        iam("List" + kind + "Policies", nameParam, name);
        iam("Delete" + kind + "Policy", nameParam, name, "PolicyName", "inline");
        iam("Attach" + kind + "Policy", nameParam, name, "PolicyArn", policyArn);
        iam("ListAttached" + kind + "Policies", nameParam, name);
        iam("ListEntitiesForPolicy", "PolicyArn", policyArn);
        iam("Detach" + kind + "Policy", nameParam, name, "PolicyArn", policyArn);
    }

    private void groups() {
        String group = "readers-" + suffix;
        String user = "bob-" + suffix;
        iam("CreateUser", "UserName", user);
        iam("CreateGroup", "GroupName", group, "Path", "/contract/");
        iam("AddUserToGroup", "GroupName", group, "UserName", user);
        iam("GetGroup", "GroupName", group);
        iam("ListGroups", "PathPrefix", "/contract/");
        iam("ListGroupsForUser", "UserName", user);
        iam("UpdateGroup", "GroupName", group, "NewPath", "/contract/teams/");
        String policy = iam("CreatePolicy", "PolicyName", "group-" + suffix, "PolicyDocument", READ_ONLY)
                .text("Arn");
        policiesOf("Group", "GroupName", group, policy);
        iam("RemoveUserFromGroup", "GroupName", group, "UserName", user);
        iam("DeleteGroup", "GroupName", group);
    }

    private void roles(String boundary) {
        String role = "builder-" + suffix;
        String trust = trust("arn:aws:iam::" + account + ":root");
        iam("CreateRole", "RoleName", role, "Path", "/contract/", "AssumeRolePolicyDocument", trust,
                "Description", "builds things", "MaxSessionDuration", "7200", "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue");
        iam("GetRole", "RoleName", role);
        iam("UpdateRole", "RoleName", role, "Description", "builds more things", "MaxSessionDuration", "3600");
        iam("UpdateRoleDescription", "RoleName", role, "Description", "builds everything");
        iam("UpdateAssumeRolePolicy", "RoleName", role, "PolicyDocument", trust);
        iam("ListRoles", "PathPrefix", "/contract/");
        iam("TagRole", "RoleName", role, "Tags.member.1.Key", "floor", "Tags.member.1.Value", "3");
        iam("ListRoleTags", "RoleName", role);
        iam("UntagRole", "RoleName", role, "TagKeys.member.1", "floor");
        iam("PutRolePermissionsBoundary", "RoleName", role, "PermissionsBoundary", boundary);
        iam("DeleteRolePermissionsBoundary", "RoleName", role);
        policiesOf("Role", "RoleName", role, boundary);

        String doomed = "doomed-role-" + suffix;
        iam("CreateRole", "RoleName", doomed, "AssumeRolePolicyDocument", trust);
        iam("DeleteRole", "RoleName", doomed);
    }

    private void instanceProfiles() {
        String profile = "web-" + suffix;
        String role = "web-role-" + suffix;
        iam("CreateRole", "RoleName", role, "AssumeRolePolicyDocument", trust("arn:aws:iam::" + account + ":root"));
        iam("CreateInstanceProfile", "InstanceProfileName", profile, "Path", "/contract/");
        iam("AddRoleToInstanceProfile", "InstanceProfileName", profile, "RoleName", role);
        iam("GetInstanceProfile", "InstanceProfileName", profile);
        iam("ListInstanceProfiles", "PathPrefix", "/contract/");
        iam("ListInstanceProfilesForRole", "RoleName", role);
        iam("RemoveRoleFromInstanceProfile", "InstanceProfileName", profile, "RoleName", role);
        iam("DeleteInstanceProfile", "InstanceProfileName", profile);
    }

    private void passwords() {
        iam("UpdateAccountPasswordPolicy", "MinimumPasswordLength", "12", "RequireSymbols", "true",
                "RequireNumbers", "true", "AllowUsersToChangePassword", "true", "MaxPasswordAge", "90",
                "PasswordReusePrevention", "3");
        iam("GetAccountPasswordPolicy");
        String user = "carol-" + suffix;
        iam("CreateUser", "UserName", user);
        iam("CreateLoginProfile", "UserName", user, "Password", "Correct-horse-1!", "PasswordResetRequired", "false");
        iam("GetLoginProfile", "UserName", user);
        iam("UpdateLoginProfile", "UserName", user, "Password", "Battery-staple-2!");
        iam("PutUserPolicy", "UserName", user, "PolicyName", "own-password", "PolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"iam:ChangePassword\",\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}");
        QueryCalls carol = keysOf(user);
        ok(Contract.IAM, "iam", carol.call(IAM_VERSION, "ChangePassword", "OldPassword", "Battery-staple-2!",
                "NewPassword", "Tr0ub4dor&3-long"));
        iam("DeleteLoginProfile", "UserName", user);
        iam("DeleteAccountPasswordPolicy");
    }

    private void accountSettings() {
        iam("CreateAccountAlias", "AccountAlias", "contract-" + suffix);
        iam("ListAccountAliases");
        iam("DeleteAccountAlias", "AccountAlias", "contract-" + suffix);
        iam("GetAccountSummary");
        iam("GetAccountAuthorizationDetails");
        iam("GenerateCredentialReport");
        iam("GenerateCredentialReport");
        iam("GetCredentialReport");
    }

    private void simulation() {
        String user = "dave-" + suffix;
        String arn = iam("CreateUser", "UserName", user).text("Arn");
        iam("PutUserPolicy", "UserName", user, "PolicyName", "read", "PolicyDocument", READ_ONLY);
        iam("SimulatePrincipalPolicy", "PolicySourceArn", arn, "ActionNames.member.1", "s3:GetObject",
                "ActionNames.member.2", "s3:PutObject", "ResourceArns.member.1", "arn:aws:s3:::media/cat.png");
        iam("SimulateCustomPolicy", "PolicyInputList.member.1", READ_ONLY, "ActionNames.member.1", "s3:GetObject",
                "ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
                "ContextEntries.member.1.ContextKeyType", "ip",
                "ContextEntries.member.1.ContextKeyValues.member.1", "10.0.0.1");
        iam("GetContextKeysForCustomPolicy", "PolicyInputList.member.1", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}");
        iam("GetContextKeysForPrincipalPolicy", "PolicySourceArn", arn);
    }

    private void mfa() {
        String user = "erin-" + suffix;
        iam("CreateUser", "UserName", user);
        QueryCalls.Answer device = iam("CreateVirtualMFADevice", "VirtualMFADeviceName", user, "Path", "/");
        String serial = device.text("SerialNumber");
        byte[] seed = Base32.decode(new String(Base64.getDecoder().decode(device.text("Base32StringSeed").strip()),
                StandardCharsets.US_ASCII));
        iam("ListVirtualMFADevices", "AssignmentStatus", "Unassigned");
        iam("EnableMFADevice", "UserName", user, "SerialNumber", serial, "AuthenticationCode1", code(seed, -1),
                "AuthenticationCode2", code(seed, 0));
        iam("ListMFADevices", "UserName", user);
        iam("ListVirtualMFADevices");
        iam("ResyncMFADevice", "UserName", user, "SerialNumber", serial, "AuthenticationCode1", code(seed, 3),
                "AuthenticationCode2", code(seed, 4));
        iam("DeactivateMFADevice", "UserName", user, "SerialNumber", serial);
        iam("DeleteVirtualMFADevice", "SerialNumber", serial);
    }

    /** SSH keys, signing and server certificates, service-specific credentials, tags on profiles and devices. */
    private void credentials() {
        String user = "grace-" + suffix;
        iam("CreateUser", "UserName", user);
        String ssh = iam("UploadSSHPublicKey", "UserName", user, "SSHPublicKeyBody", pem("ssh-key.pub"))
                .text("SSHPublicKeyId");
        iam("GetSSHPublicKey", "UserName", user, "SSHPublicKeyId", ssh, "Encoding", "PEM");
        iam("ListSSHPublicKeys", "UserName", user);
        iam("UpdateSSHPublicKey", "UserName", user, "SSHPublicKeyId", ssh, "Status", "Inactive");
        iam("DeleteSSHPublicKey", "UserName", user, "SSHPublicKeyId", ssh);

        String cert = iam("UploadSigningCertificate", "UserName", user, "CertificateBody", pem("signing-cert.pem"))
                .text("CertificateId");
        iam("ListSigningCertificates", "UserName", user);
        iam("UpdateSigningCertificate", "UserName", user, "CertificateId", cert, "Status", "Inactive");
        iam("DeleteSigningCertificate", "UserName", user, "CertificateId", cert);

        String server = "web-" + suffix;
        iam("UploadServerCertificate", "ServerCertificateName", server, "Path", "/contract/", "CertificateBody",
                pem("server-cert.pem"), "PrivateKey", pem("server-key.pem"), "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue");
        iam("GetServerCertificate", "ServerCertificateName", server);
        iam("ListServerCertificates", "PathPrefix", "/contract/");
        iam("TagServerCertificate", "ServerCertificateName", server, "Tags.member.1.Key", "cost",
                "Tags.member.1.Value", "1");
        iam("ListServerCertificateTags", "ServerCertificateName", server);
        iam("UntagServerCertificate", "ServerCertificateName", server, "TagKeys.member.1", "cost");
        iam("UpdateServerCertificate", "ServerCertificateName", server, "NewServerCertificateName", server + "-2");
        iam("DeleteServerCertificate", "ServerCertificateName", server + "-2");

        String credential = iam("CreateServiceSpecificCredential", "UserName", user, "ServiceName",
                "codecommit.amazonaws.com").text("ServiceSpecificCredentialId");
        iam("ListServiceSpecificCredentials", "UserName", user);
        iam("ResetServiceSpecificCredential", "UserName", user, "ServiceSpecificCredentialId", credential);
        iam("UpdateServiceSpecificCredential", "UserName", user, "ServiceSpecificCredentialId", credential,
                "Status", "Inactive");
        iam("DeleteServiceSpecificCredential", "UserName", user, "ServiceSpecificCredentialId", credential);

        String profile = "tagged-" + suffix;
        iam("CreateInstanceProfile", "InstanceProfileName", profile);
        iam("TagInstanceProfile", "InstanceProfileName", profile, "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
        iam("ListInstanceProfileTags", "InstanceProfileName", profile);
        iam("UntagInstanceProfile", "InstanceProfileName", profile, "TagKeys.member.1", "a");
        iam("DeleteInstanceProfile", "InstanceProfileName", profile);

        QueryCalls.Answer device = iam("CreateVirtualMFADevice", "VirtualMFADeviceName", user);
        String serial = device.text("SerialNumber");
        byte[] seed = Base32.decode(new String(Base64.getDecoder().decode(device.text("Base32StringSeed").strip()),
                StandardCharsets.US_ASCII));
        iam("TagMFADevice", "SerialNumber", serial, "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
        iam("ListMFADeviceTags", "SerialNumber", serial);
        iam("UntagMFADevice", "SerialNumber", serial, "TagKeys.member.1", "a");
        iam("EnableMFADevice", "UserName", user, "SerialNumber", serial, "AuthenticationCode1", code(seed, -1),
                "AuthenticationCode2", code(seed, 0));
        iam("GetMFADevice", "UserName", user, "SerialNumber", serial);
    }

    /** Service-linked roles, account preferences and ListPoliciesGrantingServiceAccess. */
    private void serviceLinkedRolesAndAccount() {
        String role = iam("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com",
                "CustomSuffix", suffix).text("RoleName");
        String task = iam("DeleteServiceLinkedRole", "RoleName", role).text("DeletionTaskId");
        iam("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task);
        iam("SetSecurityTokenServicePreferences", "GlobalEndpointTokenVersion", "v2Token");
        iam("PutAccountProperties", "Properties.entry.1.key", "RoleManager/Enabled", "Properties.entry.1.value",
                "true");
        iam("GetAccountProperties");
        String user = "heidi-" + suffix;
        String arn = iam("CreateUser", "UserName", user).text("Arn");
        iam("PutUserPolicy", "UserName", user, "PolicyName", "read", "PolicyDocument", READ_ONLY);
        iam("ListPoliciesGrantingServiceAccess", "Arn", arn, "ServiceNamespaces.member.1", "s3");
    }

    private static String pem(String name) {
        try (var in = ModelContractTest.class.getResourceAsStream("/iam-credentials/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ STS

    private void sts() {
        String user = "frank-" + suffix;
        iam("CreateUser", "UserName", user);
        iam("PutUserPolicy", "UserName", user, "PolicyName", "all", "PolicyDocument", ALLOW_ALL);
        QueryCalls frank = keysOf(user);
        String role = "assumed-" + suffix;
        String roleArn = iam("CreateRole", "RoleName", role, "AssumeRolePolicyDocument",
                trust("arn:aws:iam::" + account + ":user/" + user)).text("Arn");
        iam("PutRolePolicy", "RoleName", role, "PolicyName", "read", "PolicyDocument", READ_ONLY);

        sts(root, "GetCallerIdentity");
        sts(frank, "GetCallerIdentity");
        sts(frank, "GetSessionToken", "DurationSeconds", "900");
        sts(frank, "GetFederationToken", "Name", "visitor", "Policy", READ_ONLY, "DurationSeconds", "900");
        sts(frank, "AssumeRole", "RoleArn", roleArn, "RoleSessionName", "contract", "DurationSeconds", "900",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue", "SourceIdentity", "frank");
        String keyId = iam("CreateAccessKey", "UserName", user).text("AccessKeyId");
        sts(frank, "GetAccessKeyInfo", "AccessKeyId", keyId);
        String rootArn = "arn:aws:iam::" + account + ":root";
        String encoded = authorizationMessages.encode(new AccessDecision(new Decision(EvalDecision.IMPLICIT_DENY,
                List.of(), Optional.empty(), rootArn, "s3:GetObject", "arn:aws:s3:::media/cat.png", Map.of(),
                Set.of()), Principal.root(account), RequestContext.empty(), "denied"));
        sts(root, "DecodeAuthorizationMessage", "EncodedMessage", encoded);
    }

    /** SAML providers, and AssumeRoleWithSAML through one (unsigned in AWS; the signature here is ignored). */
    private void saml() {
        String name = "corp-" + suffix;
        TestSamlResponses.IdpKey key = TestSamlResponses.newKey("CN=contract");
        String arn = iam("CreateSAMLProvider", "Name", name, "SAMLMetadataDocument",
                TestSamlResponses.metadata(TestSamlResponses.ISSUER, TestSamlResponses.IDP),
                "AssertionEncryptionMode", "Allowed", "AddPrivateKey", key.privateKeyPem(),
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "id").text("SAMLProviderArn");
        iam("GetSAMLProvider", "SAMLProviderArn", arn);
        iam("ListSAMLProviders");
        iam("UpdateSAMLProvider", "SAMLProviderArn", arn, "AssertionEncryptionMode", "Allowed");
        iam("TagSAMLProvider", "SAMLProviderArn", arn, "Tags.member.1.Key", "env", "Tags.member.1.Value", "prod");
        iam("ListSAMLProviderTags", "SAMLProviderArn", arn);
        iam("UntagSAMLProvider", "SAMLProviderArn", arn, "TagKeys.member.1", "env");
        String role = "federated-" + suffix;
        String roleArn = iam("CreateRole", "RoleName", role, "AssumeRolePolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + arn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}").text("Arn");
        sts(root, "AssumeRoleWithSAML", "RoleArn", roleArn, "PrincipalArn", arn, "SAMLAssertion",
                TestSamlResponses.builder().role(roleArn, arn).encodedSignedAssertion());
        iam("DeleteSAMLProvider", "SAMLProviderArn", arn);
    }

    /**
     * OIDC providers, Keygate's own issuer (outbound federation and GetWebIdentityToken), and
     * AssumeRoleWithWebIdentity with a token of that issuer, which the account registers as its provider.
     */
    private void webIdentity() {
        String thumb = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
        String arn = iam("CreateOpenIDConnectProvider", "Url", "https://idp-" + suffix + ".example/realms/Corp",
                "ClientIDList.member.1", "app", "ThumbprintList.member.1", thumb, "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue").text("OpenIDConnectProviderArn");
        iam("GetOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);
        iam("ListOpenIDConnectProviders");
        iam("AddClientIDToOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "cli");
        iam("RemoveClientIDFromOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "ClientID", "cli");
        iam("UpdateOpenIDConnectProviderThumbprint", "OpenIDConnectProviderArn", arn, "ThumbprintList.member.1",
                thumb.replace('9', '8'));
        iam("TagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "Tags.member.1.Key", "cost",
                "Tags.member.1.Value", "42");
        iam("ListOpenIDConnectProviderTags", "OpenIDConnectProviderArn", arn);
        iam("UntagOpenIDConnectProvider", "OpenIDConnectProviderArn", arn, "TagKeys.member.1", "cost");
        iam("DeleteOpenIDConnectProvider", "OpenIDConnectProviderArn", arn);

        String issuer = iam("EnableOutboundWebIdentityFederation").text("IssuerIdentifier");
        iam("GetOutboundWebIdentityFederationInfo");
        String token = sts(root, "GetWebIdentityToken", "Audience.member.1", "contract", "SigningAlgorithm", "ES384",
                "DurationSeconds", "300").text("WebIdentityToken");
        String own = iam("CreateOpenIDConnectProvider", "Url", issuer, "ClientIDList.member.1", "contract")
                .text("OpenIDConnectProviderArn");
        String roleArn = iam("CreateRole", "RoleName", "web-" + suffix, "AssumeRolePolicyDocument",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + own + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}").text("Arn");
        sts(root, "AssumeRoleWithWebIdentity", "RoleArn", roleArn, "RoleSessionName", "contract",
                "WebIdentityToken", token, "DurationSeconds", "900");
        iam("DisableOutboundWebIdentityFederation");
    }

    // ------------------------------------------------------------------ helpers

    private QueryCalls.Answer iam(String action, String... nameValues) {
        return ok(Contract.IAM, "iam", root.call(IAM_VERSION, action, nameValues));
    }

    private QueryCalls.Answer sts(QueryCalls as, String action, String... nameValues) {
        return ok(Contract.STS, "sts", as.call(STS_VERSION, action, nameValues));
    }

    /** Like {@link #ok}, accepting the given differences: places where AWS itself answers unlike its model. */
    private QueryCalls.Answer allowing(Set<String> awsDeviations, QueryCalls.Answer answer) {
        List<String> before = new ArrayList<>(problems);
        ok(Contract.IAM, "iam", answer);
        List<String> added = new ArrayList<>(problems.subList(before.size(), problems.size()));
        added.removeAll(awsDeviations);
        problems.subList(before.size(), problems.size()).clear();
        problems.addAll(added);
        return answer;
    }

    /** Records a success and checks its shape; records anything else as a problem. */
    private QueryCalls.Answer ok(ServiceModel model, String service, QueryCalls.Answer answer) {
        Operation op = model.operation(answer.action()).orElseThrow();
        if (answer.status() != 200) {
            problems.add(answer.action() + " did not succeed: " + answer.status() + " " + answer.errorCode() + ": "
                    + answer.errorMessage());
            return answer;
        }
        problems.addAll(OutputShapes.problems(model, op, answer.root()));
        called.add(service + ":" + answer.action());
        return answer;
    }

    private QueryCalls keysOf(String user) {
        QueryCalls.Answer key = iam("CreateAccessKey", "UserName", user);
        return new QueryCalls(SigningCredentials.of(key.text("AccessKeyId"), key.text("SecretAccessKey")));
    }

    private static String trust(String principalArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principalArn + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]}]}";
    }

    private static String code(byte[] seed, long stepOffset) {
        return Totp.generate(seed, Instant.now().plusSeconds(stepOffset * Totp.STEP_SECONDS));
    }
}
