package io.keygate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * AWS's exact error texts, each compared whole, with Keygate's own help kept apart: the message of an IAM error is
 * AWS's text, and where a policy document goes wrong (element, line, column, what) is an extra {@code <Location>}
 * inside {@code <Error>}, which the AWS SDK for Java v2 ignores while it still reads the code and message. Each test
 * runs in an account of its own, through the raw Query API (to see every element) and through the SDK.
 */
@QuarkusTest
class AwsErrorTextsTest {

    private static final String VERSION = "2010-05-08";

    private String account;
    private QueryCalls raw;
    private IamClient iam;

    @BeforeEach
    void freshAccount() throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        account = created.get("AccountId").asText();
        String key = created.get("AccessKeyId").asText();
        String secret = created.get("SecretAccessKey").asText();
        raw = new QueryCalls(SigningCredentials.of(key, secret));
        iam = TestClients.iam(AwsBasicCredentials.create(key, secret));
    }

    @AfterEach
    void close() {
        iam.close();
    }

    @Test
    void whenPolicyDocumentIsMalformedThenMessageIsAwsTextAndLocationIsApart() {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"nope\","
                + "\"Resource\":\"*\"}]}";
        String aws = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

        QueryCalls.Answer answer = raw.call(VERSION, "CreatePolicy", "PolicyName", "p", "PolicyDocument", document);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.root().getNamespaceURI()).isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
        assertThat(answer.errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(answer.errorMessage()).isEqualTo(aws);
        assertThat(answer.text("Location")).isEqualTo("Statement[0].Action[0], line 1, column 65");
        // The extra element sits inside <Error>, after AWS's three.
        assertThat(QueryCalls.children(QueryCalls.children(answer.root()).get(0)).stream()
                .map(org.w3c.dom.Element::getLocalName).toList()).containsExactly("Type", "Code", "Message", "Location");

        // The SDK still parses the error: code and message exactly AWS's.
        assertAwsError(() -> iam.createPolicy(b -> b.policyName("p").policyDocument(document)), 400,
                "MalformedPolicyDocument", aws);

        // A document JSON cannot read: AWS's one text, the parser's position and problem apart.
        QueryCalls.Answer syntax = raw.call(VERSION, "CreatePolicy", "PolicyName", "p",
                "PolicyDocument", "{\"Version\":\"2012-10-17\",\n\"Statement\":[}");
        assertThat(syntax.errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(syntax.errorMessage()).isEqualTo("Syntax errors in policy.");
        assertThat(syntax.text("Location")).startsWith("line 2, column ");
    }

    @Test
    void whenThreeMembersAreInvalidThenOneValidationErrorListsAllThree() {
        String expected = "3 validation errors detected: Value at 'path' failed to satisfy constraint: Member must "
                + "have length less than or equal to 512; Value at 'userName' failed to satisfy constraint: Member "
                + "must have length less than or equal to 64; Value at 'tags.1.member.key' failed to satisfy "
                + "constraint: Member must have length less than or equal to 128";
        assertAwsError(() -> iam.createUser(b -> b.userName("u".repeat(65)).path("/" + "a".repeat(511) + "/")
                .tags(Tag.builder().key("k".repeat(129)).value("v").build())), 400, "ValidationError", expected);
        assertThat(raw.call(VERSION, "CreateUser", "UserName", "u".repeat(65), "Path", "/" + "a".repeat(511) + "/",
                "Tags.member.1.Key", "k".repeat(129), "Tags.member.1.Value", "v").errorMessage()).isEqualTo(expected);
    }

    @Test
    void whenPathIsInvalidThenIamsPathText() {
        assertAwsError(() -> iam.createUser(b -> b.userName("alice").path("bad")), 400, "ValidationError",
                "The specified value for path is invalid. It must begin and end with / and contain only "
                        + "alphanumeric characters and/or / characters.");
        assertAwsError(() -> iam.createRole(b -> b.roleName("r").path("/no-end").assumeRolePolicyDocument("{}")),
                400, "ValidationError", "The specified value for path is invalid. It must begin and end with / and "
                        + "contain only alphanumeric characters and/or / characters.");
    }

    @Test
    void whenAccountHasNoPasswordPolicyThenDeleteAndGetAnswerAwsTexts() {
        assertAwsError(iam::deleteAccountPasswordPolicy, 404, "NoSuchEntity",
                "The account policy with name PasswordPolicy cannot be found.");
        assertAwsError(iam::getAccountPasswordPolicy, 404, "NoSuchEntity",
                "The Password Policy with domain name " + account + " cannot be found.");
    }

    @Test
    void whenVirtualMfaDeviceIsUnknownThenAwsText() {
        String serial = "arn:aws:iam::" + account + ":mfa/nobody";
        assertAwsError(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(serial)), 404, "NoSuchEntity",
                "VirtualMFADevice with serial number " + serial + " doesn't exist.");
    }

    @Test
    void tagsAreRefusedWithAwsTexts() {
        iam.createUser(b -> b.userName("tagged"));
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertAwsError(() -> iam.tagUser(b -> b.userName("tagged").tags(many)), 400, "ValidationError",
                "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length "
                        + "less than or equal to 50");
        assertAwsError(() -> iam.tagUser(b -> b.userName("tagged").tags(tag("k".repeat(129)))), 400,
                "ValidationError", "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 128");
        assertAwsError(() -> iam.tagUser(b -> b.userName("tagged").tags(tag("aws:team"))), 400, "InvalidInput",
                "User-defined tag keys can't start with \"aws:\". This prefix is reserved for AWS system usage.");
        assertAwsError(() -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST)
                        .tags(tag("Team"), tag("team"))), 400, "InvalidInput",
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        // 50 in the request, one already on the user: over the quota of 50 per entity.
        iam.tagUser(b -> b.userName("tagged").tags(tag("first")));
        assertAwsError(() -> iam.tagUser(b -> b.userName("tagged").tags(many.subList(0, 50))), 409, "LimitExceeded",
                null);
    }

    @Test
    void whenIamActionIsUnknownThenInvalidActionInIamsNamespace() {
        QueryCalls.Answer answer = raw.call(VERSION, "NoSuchThing");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.root().getNamespaceURI()).isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
        assertThat(answer.errorCode()).isEqualTo("InvalidAction");
        assertThat(answer.errorMessage()).isEqualTo("Could not find operation NoSuchThing for version 2010-05-08");
        assertThat(answer.text("Location")).isNull();
        // Any error of an IAM action, authorization included, answers in IAM's namespace.
        assertThat(raw.call(VERSION, "GetUser", "UserName", "nobody").root().getNamespaceURI())
                .isEqualTo("https://iam.amazonaws.com/doc/2010-05-08/");
    }

    @Test
    void whenUserStillHoldsCredentialsThenDeleteUserIsRefusedWithAwsTexts() {
        iam.createUser(b -> b.userName("leaving"));

        String ssh = iam.uploadSSHPublicKey(b -> b.userName("leaving").sshPublicKeyBody(resource("ssh-key.pub")))
                .sshPublicKey().sshPublicKeyId();
        assertAwsError(() -> iam.deleteUser(b -> b.userName("leaving")), 409, "DeleteConflict",
                "Cannot delete entity, must delete SSH public keys first.");
        iam.deleteSSHPublicKey(b -> b.userName("leaving").sshPublicKeyId(ssh));

        String cert = iam.uploadSigningCertificate(b -> b.userName("leaving")
                .certificateBody(resource("signing-cert.pem"))).certificate().certificateId();
        assertAwsError(() -> iam.deleteUser(b -> b.userName("leaving")), 409, "DeleteConflict",
                "Cannot delete entity, must delete signing certificates first.");
        iam.deleteSigningCertificate(b -> b.userName("leaving").certificateId(cert));

        String credential = iam.createServiceSpecificCredential(b -> b.userName("leaving")
                .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential().serviceSpecificCredentialId();
        assertAwsError(() -> iam.deleteUser(b -> b.userName("leaving")), 409, "DeleteConflict",
                "Cannot delete entity, must delete service-specific credentials first.");
        iam.deleteServiceSpecificCredential(b -> b.userName("leaving").serviceSpecificCredentialId(credential));

        iam.deleteUser(b -> b.userName("leaving"));
        assertAwsError(() -> iam.getUser(b -> b.userName("leaving")), 404, "NoSuchEntity",
                "The user with name leaving cannot be found.");
    }

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static Tag tag(String key) {
        return Tag.builder().key(key).value("v").build();
    }

    private static String resource(String name) {
        try (InputStream in = AwsErrorTextsTest.class.getResourceAsStream("/iam-credentials/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SDK's view of the error: status, code and — when given — the whole message, exactly. */
    private static void assertAwsError(ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }
}
