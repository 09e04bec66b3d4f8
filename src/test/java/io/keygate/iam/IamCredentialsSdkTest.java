package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The rest of the IAM API through the AWS SDK for Java v2: SSH public keys, signing and server certificates,
 * service-specific credentials, service-linked roles, account preferences, ListPoliciesGrantingServiceAccess and the
 * tags of instance profiles and MFA devices — validation and errors as IAM answers them.
 */
@QuarkusTest
class IamCredentialsSdkTest {

    static String resource(String name) {
        try (InputStream in = IamCredentialsSdkTest.class.getResourceAsStream("/iam-credentials/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ssh-keygen -l -E md5 -f ssh-key.pub, without the "MD5:" prefix. */
    static final String SSH_FINGERPRINT = "51:7f:9e:3b:19:2b:a5:bd:aa:e4:77:cd:a6:ab:61:a6";

    @Test
    void sshPublicKeysInBothEncodingsWithAwsFingerprint() {
        try (IamClient iam = iam(root())) {
            String user = unique("ssh");
            iam.createUser(b -> b.userName(user));
            SSHPublicKey key = iam.uploadSSHPublicKey(b -> b.userName(user)
                    .sshPublicKeyBody(resource("ssh-key.pub"))).sshPublicKey();
            assertThat(key.sshPublicKeyId()).startsWith("APKA").hasSize(21);
            assertThat(key.fingerprint()).isEqualTo(SSH_FINGERPRINT);
            assertThat(key.status()).isEqualTo(StatusType.ACTIVE);
            assertThat(key.userName()).isEqualTo(user);

            SSHPublicKey pem = iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(key.sshPublicKeyId())
                    .encoding(EncodingType.PEM)).sshPublicKey();
            assertThat(pem.sshPublicKeyBody().strip()).isEqualTo(resource("ssh-key-pem.pub").strip());
            SSHPublicKey ssh = iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(key.sshPublicKeyId())
                    .encoding(EncodingType.SSH)).sshPublicKey();
            assertThat(resource("ssh-key.pub")).startsWith(ssh.sshPublicKeyBody());

            // The same key in PEM encoding is the same key: a duplicate.
            assertAwsError(() -> iam.uploadSSHPublicKey(b -> b.userName(user)
                    .sshPublicKeyBody(resource("ssh-key-pem.pub"))), 400, "DuplicateSSHPublicKey", null);
            assertAwsError(() -> iam.uploadSSHPublicKey(b -> b.userName(user)
                    .sshPublicKeyBody(resource("ssh-key-1024.pub"))), 400, "InvalidPublicKey", "2048");
            assertAwsError(() -> iam.uploadSSHPublicKey(b -> b.userName(user)
                    .sshPublicKeyBody(resource("ssh-key-ed25519.pub"))), 400, "InvalidPublicKey", "ssh-rsa");
            assertAwsError(() -> iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody("not a key")), 400,
                    "UnrecognizedPublicKeyEncoding", "The public key encoding is not recognized.");
            assertAwsError(() -> iam.uploadSSHPublicKey(b -> b.userName(unique("nobody"))
                    .sshPublicKeyBody(resource("ssh-key.pub"))), 404, "NoSuchEntity", "cannot be found.");
            assertAwsError(() -> iam.updateSSHPublicKey(b -> b.userName(user).sshPublicKeyId(key.sshPublicKeyId())
                    .status(StatusType.EXPIRED)), 400, "InvalidInput", null);

            // Another user may hold the same key.
            String other = unique("ssh");
            iam.createUser(b -> b.userName(other));
            iam.uploadSSHPublicKey(b -> b.userName(other).sshPublicKeyBody(resource("ssh-key.pub")));
            assertAwsError(() -> iam.getSSHPublicKey(b -> b.userName(other).sshPublicKeyId(key.sshPublicKeyId())
                    .encoding(EncodingType.SSH)), 404, "NoSuchEntity", null);
        }
    }

    @Test
    void serverCertificatesCheckTheKeyAndNeverReturnIt() {
        try (IamClient iam = iam(root())) {
            String name = unique("cert");
            assertAwsError(() -> iam.uploadServerCertificate(b -> b.serverCertificateName(name)
                    .certificateBody(resource("server-cert.pem")).privateKey(resource("other-key.pem"))), 400,
                    "KeyPairMismatch", null);
            assertAwsError(() -> iam.uploadServerCertificate(b -> b.serverCertificateName(name)
                    .certificateBody("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
                    .privateKey(resource("server-key.pem"))), 400, "MalformedCertificate", null);
            assertAwsError(() -> iam.uploadServerCertificate(b -> b.serverCertificateName(name)
                    .certificateBody(resource("server-cert.pem")).privateKey("garbage")), 400,
                    "MalformedCertificate", null);
            var meta = iam.uploadServerCertificate(b -> b.serverCertificateName(name).path("/cloudfront/")
                    .certificateBody(resource("server-cert.pem")).privateKey(resource("server-key-pkcs1.pem"))
                    .certificateChain(resource("signing-cert.pem"))
                    .tags(Tag.builder().key("env").value("test").build())).serverCertificateMetadata();
            assertThat(meta.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":server-certificate/cloudfront/" + name);
            assertThat(meta.serverCertificateId()).startsWith("ASCA");
            assertThat(meta.expiration()).isAfter(java.time.Instant.parse("2126-01-01T00:00:00Z"));
            assertAwsError(() -> iam.uploadServerCertificate(b -> b.serverCertificateName(name)
                    .certificateBody(resource("ec-cert.pem")).privateKey(resource("ec-key.pem"))), 409,
                    "EntityAlreadyExists", null);
            // An EC key pair (SEC 1 key) is accepted too.
            String ec = unique("ec");
            iam.uploadServerCertificate(b -> b.serverCertificateName(ec)
                    .certificateBody(resource("ec-cert.pem")).privateKey(resource("ec-key.pem")));

            var got = iam.getServerCertificate(b -> b.serverCertificateName(name)).serverCertificate();
            assertThat(got.certificateBody().strip()).isEqualTo(resource("server-cert.pem").strip());
            assertThat(got.certificateChain().strip()).isEqualTo(resource("signing-cert.pem").strip());
            assertThat(got.tags()).extracting(Tag::key).containsExactly("env");
            assertThat(got.toString()).doesNotContain("PRIVATE");
            iam.deleteServerCertificate(b -> b.serverCertificateName(ec));
        }
    }

    @Test
    void signingCertificatesAreX509AndBelongToOnePrincipal() {
        try (IamClient iam = iam(root())) {
            String user = unique("sig");
            iam.createUser(b -> b.userName(user));
            assertAwsError(() -> iam.uploadSigningCertificate(b -> b.userName(user).certificateBody("nope")), 400,
                    "MalformedCertificate", null);
            var cert = iam.uploadSigningCertificate(b -> b.userName(user)
                    .certificateBody(resource("ec-cert.pem"))).certificate();
            assertThat(cert.certificateId()).hasSize(32);
            assertThat(cert.status()).isEqualTo(StatusType.ACTIVE);
            String other = unique("sig");
            iam.createUser(b -> b.userName(other));
            assertAwsError(() -> iam.uploadSigningCertificate(b -> b.userName(other)
                    .certificateBody(resource("ec-cert.pem"))), 409, "DuplicateCertificate", null);
            assertAwsError(() -> iam.deleteSigningCertificate(b -> b.userName(other)
                    .certificateId(cert.certificateId())), 404, "NoSuchEntity", null);
            iam.deleteSigningCertificate(b -> b.userName(user).certificateId(cert.certificateId()));
        }
    }

    @Test
    void serviceSpecificCredentialsShowThePasswordOnce() {
        try (IamClient iam = iam(root())) {
            String user = unique("ssc");
            iam.createUser(b -> b.userName(user));
            var created = iam.createServiceSpecificCredential(b -> b.userName(user)
                    .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
            assertThat(created.serviceUserName()).isEqualTo(user + "-at-" + ACCOUNT);
            assertThat(created.servicePassword()).hasSize(44);
            assertThat(created.serviceSpecificCredentialId()).startsWith("ACCA");
            var second = iam.createServiceSpecificCredential(b -> b.userName(user)
                    .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
            assertThat(second.serviceUserName()).isEqualTo(user + "+1-at-" + ACCOUNT);
            assertAwsError(() -> iam.createServiceSpecificCredential(b -> b.userName(user)
                    .serviceName("codecommit.amazonaws.com")), 409, "LimitExceeded", null);
            assertAwsError(() -> iam.createServiceSpecificCredential(b -> b.userName(user)
                    .serviceName("s3.amazonaws.com")), 404, "NotSupportedService", null);

            var listed = iam.listServiceSpecificCredentials(b -> b.userName(user)).serviceSpecificCredentials();
            assertThat(listed).hasSize(2);
            var reset = iam.resetServiceSpecificCredential(b -> b.userName(user)
                    .serviceSpecificCredentialId(created.serviceSpecificCredentialId())).serviceSpecificCredential();
            assertThat(reset.servicePassword()).hasSize(44).isNotEqualTo(created.servicePassword());
        }
    }

    @Test
    void serviceLinkedRolesAreNamedByTheServiceAndProtected() {
        try (IamClient iam = iam(root())) {
            String suffix = unique("s").replace("-", "");
            Role role = iam.createServiceLinkedRole(b -> b.awsServiceName("elasticbeanstalk.amazonaws.com")
                    .customSuffix(suffix).description("for tests")).role();
            assertThat(role.roleName()).isEqualTo("AWSServiceRoleForElasticBeanstalk_" + suffix);
            assertThat(role.path()).isEqualTo("/aws-service-role/elasticbeanstalk.amazonaws.com/");
            assertThat(java.net.URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("\"Service\":[\"elasticbeanstalk.amazonaws.com\"]").contains("sts:AssumeRole");
            assertAwsError(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("elasticbeanstalk.amazonaws.com")
                    .customSuffix(suffix)), 400, "InvalidInput", "has been taken in this account");
            assertAwsError(() -> iam.deleteRole(b -> b.roleName(role.roleName())), 400, "UnmodifiableEntity",
                    "Cannot perform the operation on the protected role '" + role.roleName()
                            + "' - this role is only modifiable by AWS");
            assertAwsError(() -> iam.updateAssumeRolePolicy(b -> b.roleName(role.roleName())
                    .policyDocument(role.assumeRolePolicyDocument())), 400, "UnmodifiableEntity", null);
            assertAwsError(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("not a service")), 400,
                    "ValidationError", null);
            assertAwsError(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("example.com")), 400,
                    "InvalidInput", null);

            String task = iam.deleteServiceLinkedRole(b -> b.roleName(role.roleName())).deletionTaskId();
            assertThat(task).startsWith("task/aws-service-role/elasticbeanstalk.amazonaws.com/" + role.roleName()
                    + "/");
            assertThat(iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)).statusAsString())
                    .isEqualTo("SUCCEEDED");
            assertAwsError(() -> iam.getRole(b -> b.roleName(role.roleName())), 404, "NoSuchEntity", null);
        }
    }

    @Test
    void accountPreferencesAndServiceAccess() {
        try (IamClient iam = iam(root())) {
            iam.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v2Token"));
            iam.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v1Token"));
            iam.putAccountProperties(b -> b.properties(Map.of("RoleManager/Enabled", "true")));
            assertThat(iam.getAccountProperties(b -> { }).properties()).containsEntry("RoleManager/Enabled", "true");
            assertAwsError(() -> iam.putAccountProperties(b -> b.properties(Map.of("A/x", "1", "B/y", "2"))), 400,
                    "InvalidInput", "same namespace");

            String user = unique("psa");
            iam.createUser(b -> b.userName(user));
            iam.putUserPolicy(b -> b.userName(user).policyName("s3read").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\","
                            + "\"Resource\":\"*\"}}"));
            iam.attachUserPolicy(b -> b.userName(user).policyArn("arn:aws:iam::aws:policy/IAMUserChangePassword"));
            var entries = iam.listPoliciesGrantingServiceAccess(b -> b.arn("arn:aws:iam::" + ACCOUNT + ":user/"
                    + user).serviceNamespaces("s3", "iam", "ec2")).policiesGrantingServiceAccess();
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0).policies()).extracting(PolicyGrantingServiceAccess::policyName)
                    .containsExactly("s3read");
            assertThat(entries.get(0).policies().get(0).entityName()).isEqualTo(user);
            assertThat(entries.get(1).policies()).extracting(PolicyGrantingServiceAccess::policyArn)
                    .containsExactly("arn:aws:iam::aws:policy/IAMUserChangePassword");
            assertThat(entries.get(2).policies()).isEmpty();
        }
    }

    @Test
    void operationsKeygateDoesNotServeSayWhy() {
        try (IamClient iam = iam(root())) {
            assertAwsError(() -> iam.listDelegationRequests(b -> { }), 400, "InvalidAction",
                    "Keygate does not support ListDelegationRequests: Delegation requests are an AWS console and "
                            + "partner hand-off flow");
            assertAwsError(() -> iam.generateOrganizationsAccessReport(b -> b.entityPath("o-a1b2c3d4e5/r-ab12")),
                    400, "InvalidAction", "Keygate does not support GenerateOrganizationsAccessReport");
        }
    }
}
