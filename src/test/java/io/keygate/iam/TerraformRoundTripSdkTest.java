package io.keygate.iam;

import static io.keygate.iam.IamCredentialsSdkTest.resource;
import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Every IAM resource kind the way Terraform's AWS provider drives it through the SDK: create, read back, update, read
 * back, delete, and a read that answers NoSuchEntity (the provider's signal that the resource is gone).
 */
@QuarkusTest
class TerraformRoundTripSdkTest {

    static final String POLICY_V1 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
    static final String POLICY_V2 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void userGroupAndRole() {
        try (IamClient iam = iam(root())) {
            String user = unique("tf-user");
            iam.createUser(b -> b.userName(user).path("/tf/"));
            assertThat(iam.getUser(b -> b.userName(user)).user().path()).isEqualTo("/tf/");
            iam.updateUser(b -> b.userName(user).newPath("/tf2/"));
            iam.tagUser(b -> b.userName(user).tags(Tag.builder().key("k").value("v").build()));
            assertThat(iam.getUser(b -> b.userName(user)).user().path()).isEqualTo("/tf2/");
            assertThat(iam.listUserTags(b -> b.userName(user)).tags()).extracting(Tag::value).containsExactly("v");
            iam.deleteUser(b -> b.userName(user));
            assertAwsError(() -> iam.getUser(b -> b.userName(user)), 404, "NoSuchEntity", null);

            String group = unique("tf-group");
            iam.createGroup(b -> b.groupName(group));
            assertThat(iam.getGroup(b -> b.groupName(group)).group().path()).isEqualTo("/");
            iam.updateGroup(b -> b.groupName(group).newPath("/ops/"));
            assertThat(iam.getGroup(b -> b.groupName(group)).group().path()).isEqualTo("/ops/");
            iam.deleteGroup(b -> b.groupName(group));
            assertAwsError(() -> iam.getGroup(b -> b.groupName(group)), 404, "NoSuchEntity", null);

            String role = unique("tf-role");
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST).description("one"));
            assertThat(decode(iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument())).isEqualTo(TRUST);
            iam.updateRole(b -> b.roleName(role).description("two").maxSessionDuration(7200));
            var updated = iam.getRole(b -> b.roleName(role)).role();
            assertThat(updated.description()).isEqualTo("two");
            assertThat(updated.maxSessionDuration()).isEqualTo(7200);
            iam.putRolePolicy(b -> b.roleName(role).policyName("inline").policyDocument(POLICY_V1));
            assertThat(decode(iam.getRolePolicy(b -> b.roleName(role).policyName("inline")).policyDocument()))
                    .isEqualTo(POLICY_V1);
            iam.putRolePolicy(b -> b.roleName(role).policyName("inline").policyDocument(POLICY_V2));
            assertThat(decode(iam.getRolePolicy(b -> b.roleName(role).policyName("inline")).policyDocument()))
                    .isEqualTo(POLICY_V2);
            iam.deleteRolePolicy(b -> b.roleName(role).policyName("inline"));
            assertAwsError(() -> iam.getRolePolicy(b -> b.roleName(role).policyName("inline")), 404,
                    "NoSuchEntity", null);
            iam.deleteRole(b -> b.roleName(role));
            assertAwsError(() -> iam.getRole(b -> b.roleName(role)), 404, "NoSuchEntity", null);
        }
    }

    @Test
    void managedPolicyAndInstanceProfile() {
        try (IamClient iam = iam(root())) {
            String name = unique("tf-policy");
            String arn = iam.createPolicy(b -> b.policyName(name).policyDocument(POLICY_V1)).policy().arn();
            assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v1");
            iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(POLICY_V2).setAsDefault(true));
            assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
            assertThat(decode(iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v2")).policyVersion()
                    .document())).isEqualTo(POLICY_V2);
            iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v1"));
            iam.deletePolicy(b -> b.policyArn(arn));
            assertAwsError(() -> iam.getPolicy(b -> b.policyArn(arn)), 404, "NoSuchEntity", null);

            String profile = unique("tf-ip");
            iam.createInstanceProfile(b -> b.instanceProfileName(profile));
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().tags())
                    .isEmpty();
            iam.tagInstanceProfile(b -> b.instanceProfileName(profile)
                    .tags(Tag.builder().key("Name").value("web").build()));
            assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName(profile)).tags())
                    .extracting(Tag::key).containsExactly("Name");
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName(profile)).instanceProfile().tags())
                    .extracting(Tag::value).containsExactly("web");
            iam.untagInstanceProfile(b -> b.instanceProfileName(profile).tagKeys("Name"));
            assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName(profile)).tags()).isEmpty();
            iam.deleteInstanceProfile(b -> b.instanceProfileName(profile));
            assertAwsError(() -> iam.getInstanceProfile(b -> b.instanceProfileName(profile)), 404, "NoSuchEntity",
                    null);
            assertAwsError(() -> iam.listInstanceProfileTags(b -> b.instanceProfileName(profile)), 404,
                    "NoSuchEntity", "Instance Profile " + profile + " cannot be found.");
        }
    }

    @Test
    void userCredentials() {
        try (IamClient iam = iam(root())) {
            String user = unique("tf-cred");
            iam.createUser(b -> b.userName(user));

            iam.createLoginProfile(b -> b.userName(user).password("First-Passw0rd").passwordResetRequired(true));
            assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isTrue();
            iam.updateLoginProfile(b -> b.userName(user).passwordResetRequired(false));
            assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired()).isFalse();
            iam.deleteLoginProfile(b -> b.userName(user));
            assertAwsError(() -> iam.getLoginProfile(b -> b.userName(user)), 404, "NoSuchEntity", null);

            String keyId = iam.createAccessKey(b -> b.userName(user)).accessKey().accessKeyId();
            iam.updateAccessKey(b -> b.userName(user).accessKeyId(keyId).status(StatusType.INACTIVE));
            assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata().get(0).status())
                    .isEqualTo(StatusType.INACTIVE);
            iam.deleteAccessKey(b -> b.userName(user).accessKeyId(keyId));
            assertAwsError(() -> iam.updateAccessKey(b -> b.userName(user).accessKeyId(keyId)
                    .status(StatusType.ACTIVE)), 404, "NoSuchEntity", null);

            String sshId = iam.uploadSSHPublicKey(b -> b.userName(user).sshPublicKeyBody(resource("ssh-key.pub")))
                    .sshPublicKey().sshPublicKeyId();
            iam.updateSSHPublicKey(b -> b.userName(user).sshPublicKeyId(sshId).status(StatusType.INACTIVE));
            assertThat(iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(sshId).encoding(EncodingType.SSH))
                    .sshPublicKey().status()).isEqualTo(StatusType.INACTIVE);
            assertThat(iam.listSSHPublicKeys(b -> b.userName(user)).sshPublicKeys()).hasSize(1);
            iam.deleteSSHPublicKey(b -> b.userName(user).sshPublicKeyId(sshId));
            assertAwsError(() -> iam.getSSHPublicKey(b -> b.userName(user).sshPublicKeyId(sshId)
                    .encoding(EncodingType.SSH)), 404, "NoSuchEntity", null);

            String certId = iam.uploadSigningCertificate(b -> b.userName(user)
                    .certificateBody(resource("signing-cert.pem"))).certificate().certificateId();
            iam.updateSigningCertificate(b -> b.userName(user).certificateId(certId).status(StatusType.INACTIVE));
            assertThat(iam.listSigningCertificates(b -> b.userName(user)).certificates().get(0).status())
                    .isEqualTo(StatusType.INACTIVE);
            iam.deleteSigningCertificate(b -> b.userName(user).certificateId(certId));
            assertThat(iam.listSigningCertificates(b -> b.userName(user)).certificates()).isEmpty();
            assertAwsError(() -> iam.updateSigningCertificate(b -> b.userName(user).certificateId(certId)
                    .status(StatusType.ACTIVE)), 404, "NoSuchEntity", null);

            String credId = iam.createServiceSpecificCredential(b -> b.userName(user)
                    .serviceName("cassandra.amazonaws.com")).serviceSpecificCredential().serviceSpecificCredentialId();
            iam.updateServiceSpecificCredential(b -> b.userName(user).serviceSpecificCredentialId(credId)
                    .status(StatusType.INACTIVE));
            var listed = iam.listServiceSpecificCredentials(b -> b.userName(user)).serviceSpecificCredentials();
            assertThat(listed).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(StatusType.INACTIVE);
                assertThat(c.serviceName()).isEqualTo("cassandra.amazonaws.com");
            });
            iam.deleteServiceSpecificCredential(b -> b.userName(user).serviceSpecificCredentialId(credId));
            assertAwsError(() -> iam.resetServiceSpecificCredential(b -> b.userName(user)
                    .serviceSpecificCredentialId(credId)), 404, "NoSuchEntity", null);

            iam.deleteUser(b -> b.userName(user));
        }
    }

    @Test
    void serverCertificateServiceLinkedRoleMfaDeviceAndPasswordPolicy() {
        try (IamClient iam = iam(root())) {
            String cert = unique("tf-cert");
            iam.uploadServerCertificate(b -> b.serverCertificateName(cert)
                    .certificateBody(resource("server-cert.pem")).privateKey(resource("server-key.pem")));
            assertThat(iam.getServerCertificate(b -> b.serverCertificateName(cert)).serverCertificate()
                    .serverCertificateMetadata().path()).isEqualTo("/");
            String renamed = unique("tf-cert");
            iam.updateServerCertificate(b -> b.serverCertificateName(cert).newServerCertificateName(renamed)
                    .newPath("/elb/"));
            assertAwsError(() -> iam.getServerCertificate(b -> b.serverCertificateName(cert)), 404, "NoSuchEntity",
                    null);
            assertThat(iam.getServerCertificate(b -> b.serverCertificateName(renamed)).serverCertificate()
                    .serverCertificateMetadata().arn()).endsWith(":server-certificate/elb/" + renamed);
            iam.tagServerCertificate(b -> b.serverCertificateName(renamed)
                    .tags(Tag.builder().key("a").value("b").build()));
            assertThat(iam.listServerCertificateTags(b -> b.serverCertificateName(renamed)).tags()).hasSize(1);
            iam.deleteServerCertificate(b -> b.serverCertificateName(renamed));
            assertAwsError(() -> iam.getServerCertificate(b -> b.serverCertificateName(renamed)), 404,
                    "NoSuchEntity", "The Server Certificate with name " + renamed + " cannot be found.");

            String suffix = unique("tf").replace("-", "");
            String role = iam.createServiceLinkedRole(b -> b.awsServiceName("autoscaling.amazonaws.com")
                    .customSuffix(suffix)).role().roleName();
            assertThat(role).isEqualTo("AWSServiceRoleForAutoScaling_" + suffix);
            iam.updateRoleDescription(b -> b.roleName(role).description("scaling"));
            assertThat(iam.getRole(b -> b.roleName(role)).role().description()).isEqualTo("scaling");
            String task = iam.deleteServiceLinkedRole(b -> b.roleName(role)).deletionTaskId();
            assertThat(iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)).statusAsString())
                    .isEqualTo("SUCCEEDED");
            assertAwsError(() -> iam.getRole(b -> b.roleName(role)), 404, "NoSuchEntity", null);

            String mfaName = unique("tf-mfa");
            String serial = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(mfaName)).virtualMFADevice()
                    .serialNumber();
            iam.tagMFADevice(b -> b.serialNumber(serial).tags(Tag.builder().key("owner").value("ops").build()));
            assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).extracting(Tag::value)
                    .containsExactly("ops");
            iam.untagMFADevice(b -> b.serialNumber(serial).tagKeys("owner"));
            assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).isEmpty();
            assertAwsError(() -> iam.getMFADevice(b -> b.serialNumber(serial)), 404, "NoSuchEntity", null);
            iam.deleteVirtualMFADevice(b -> b.serialNumber(serial));
            assertAwsError(() -> iam.listMFADeviceTags(b -> b.serialNumber(serial)), 404, "NoSuchEntity",
                    "MFA Device with serial number " + serial + " does not exist.");

            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12));
            try {
                assertThat(iam.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength()).isEqualTo(12);
                iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(14).requireSymbols(true));
                assertThat(iam.getAccountPasswordPolicy().passwordPolicy().requireSymbols()).isTrue();
            } finally {
                iam.deleteAccountPasswordPolicy();
            }
            assertAwsError(iam::getAccountPasswordPolicy, 404, "NoSuchEntity", null);
        }
    }
}
