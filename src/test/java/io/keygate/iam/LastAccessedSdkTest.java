package io.keygate.iam;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.decision.DecisionApiTest;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The access advisor from what Keygate saw: a role's sessions called IAM and were allowed an S3 read by the
 * decision API, so those two services show a last access; a service its policy names but nobody used shows none.
 */
@QuarkusTest
class LastAccessedSdkTest {

    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":["iam:ListUsers","s3:GetObject","dynamodb:GetItem"],"Resource":"*"}]}""";

    @Test
    void whenARolesSessionsUsedServicesThenTheReportShowsWhenAndTheUnusedOnesStayEmpty() throws Exception {
        String trust = Principals.trust("arn:aws:iam::111122223333:root", "\"sts:AssumeRole\"", null);
        String roleName = Principals.unique("advised");
        String roleArn = Principals.role(roleName, trust, POLICY);
        var assumer = Principals.user(Principals.unique("advisor-user"), Principals.allow("sts:AssumeRole", "*"));
        Credentials c;
        try (var sts = sts(assumer)) {
            c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("worker")).credentials();
        }
        try (IamClient asRole = iam(TestClients.session(c))) {
            asRole.listUsers();
        }
        var server = Principals.user(Principals.unique("advised-server"), Principals.allow("keygate:Authorize", "*"));
        KeygateClient.Authorization allowed = TestApi.client(server).authorize(
                new KeygateClient.ServiceEndpoint("s3", "media.example.com"), "s3:GetObject",
                "arn:aws:s3:::media/cat.png", Map.of(), DecisionApiTest.signedRequest(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()),
                        "GET", "/media/cat.png"));
        assertThat(allowed.decision()).isEqualTo("Allow");

        try (IamClient admin = iam(root())) {
            String job = admin.generateServiceLastAccessedDetails(b -> b.arn(roleArn)).jobId();
            GetServiceLastAccessedDetailsResponse report = admin.getServiceLastAccessedDetails(b -> b.jobId(job));
            assertThat(report.jobStatusAsString()).isEqualTo("COMPLETED");
            assertThat(report.servicesLastAccessed()).extracting(ServiceLastAccessed::serviceNamespace)
                    .containsExactly("dynamodb", "iam", "s3");
            ServiceLastAccessed iamUse = service(report, "iam");
            assertThat(iamUse.lastAuthenticated()).isNotNull();
            assertThat(iamUse.lastAuthenticatedEntity()).isEqualTo(roleArn);
            assertThat(iamUse.totalAuthenticatedEntities()).isEqualTo(1);
            assertThat(service(report, "s3").lastAuthenticated()).isNotNull();
            assertThat(service(report, "s3").serviceName()).isEqualTo("Amazon S3");
            assertThat(service(report, "dynamodb").lastAuthenticated()).isNull();
            assertThat(service(report, "dynamodb").totalAuthenticatedEntities()).isZero();

            var entities = admin.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job).serviceNamespace("s3"));
            assertThat(entities.entityDetailsList()).singleElement().satisfies(e -> {
                assertThat(e.entityInfo().arn()).isEqualTo(roleArn);
                assertThat(e.entityInfo().typeAsString()).isEqualTo("ROLE");
                assertThat(e.entityInfo().name()).isEqualTo(roleName);
                assertThat(e.lastAuthenticated()).isNotNull();
            });
            assertThat(admin.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job)
                    .serviceNamespace("dynamodb")).entityDetailsList()).isEmpty();
        }
    }

    @Test
    void whenTheJobIsUnknownOrTheArnNamesNoEntityThenAwsErrors() {
        try (IamClient admin = iam(root())) {
            assertThatThrownBy(() -> admin.getServiceLastAccessedDetails(b -> b.jobId(
                    "00000000-0000-0000-0000-000000000000"))).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
            assertThatThrownBy(() -> admin.generateServiceLastAccessedDetails(b -> b.arn(
                    "arn:aws:iam::111122223333:role/no-such-role-x"))).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
        }
    }

    private static ServiceLastAccessed service(GetServiceLastAccessedDetailsResponse report, String namespace) {
        return report.servicesLastAccessed().stream().filter(s -> s.serviceNamespace().equals(namespace)).findFirst()
                .orElseThrow();
    }
}
