package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;

/** The OpenID Connect provider API through the AWS SDK for Java v2. */
@QuarkusTest
class OidcProviderSdkTest {

    private static final String THUMB = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    @Test
    void createOpenIdConnectProviderWhenUrlDiffersInCaseThenTwoProvidersWithArnsAsWritten() {
        try (IamClient iam = iam(root())) {
            String host = unique("idp") + ".example:8443";
            int before = iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS);
            CreateOpenIdConnectProviderResponse upper = iam.createOpenIDConnectProvider(r -> r
                    .url("https://" + host + "/realms/Corp").clientIDList("app", "app", "cli").thumbprintList(THUMB)
                    .tags(Tag.builder().key("team").value("core").build()));
            CreateOpenIdConnectProviderResponse lower = iam.createOpenIDConnectProvider(r -> r
                    .url("https://" + host + "/realms/corp").clientIDList("app"));
            assertThat(upper.openIDConnectProviderArn())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + host + "/realms/Corp");
            assertThat(lower.openIDConnectProviderArn())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + host + "/realms/corp");
            assertThat(upper.tags()).extracting(Tag::key).containsExactly("team");

            GetOpenIdConnectProviderResponse got = iam.getOpenIDConnectProvider(r -> r
                    .openIDConnectProviderArn(upper.openIDConnectProviderArn()));
            assertThat(got.url()).isEqualTo(host + "/realms/Corp");
            assertThat(got.clientIDList()).containsExactly("app", "cli");
            assertThat(got.thumbprintList()).containsExactly(THUMB);
            assertThat(got.createDate()).isNotNull();
            assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
                    .extracting(OpenIDConnectProviderListEntry::arn)
                    .contains(upper.openIDConnectProviderArn(), lower.openIDConnectProviderArn());
            assertThat(iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS)).isEqualTo(before + 2);

            assertAwsError(() -> iam.createOpenIDConnectProvider(r -> r.url("https://" + host + "/realms/Corp")
                    .clientIDList("x")), 409, "EntityAlreadyExists", "already exists");

            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(lower.openIDConnectProviderArn()));
            assertAwsError(() -> iam.getOpenIDConnectProvider(r -> r
                    .openIDConnectProviderArn(lower.openIDConnectProviderArn())), 404, "NoSuchEntity", "not found");
            assertThat(iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS)).isEqualTo(before + 1);
            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(upper.openIDConnectProviderArn()));
        }
    }

    @Test
    void clientIdsThumbprintsAndTagsChange() {
        try (IamClient iam = iam(root())) {
            String arn = iam.createOpenIDConnectProvider(r -> r.url("https://" + unique("idp") + ".example")
                    .clientIDList("a")).openIDConnectProviderArn();
            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("b"));
            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("b"));
            iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("a"));
            iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                    .thumbprintList(THUMB.toUpperCase()));
            iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(
                    Tag.builder().key("b").value("2").build(), Tag.builder().key("a").value("1").build()));
            iam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("b"));
            GetOpenIdConnectProviderResponse got = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
            assertThat(got.clientIDList()).containsExactly("b");
            assertThat(got.thumbprintList()).containsExactly(THUMB);
            assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                    .extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"));
            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        }
    }

    @Test
    void createOpenIdConnectProviderWhenInputIsInvalidThenAwsErrors() {
        try (IamClient iam = iam(root())) {
            assertAwsError(() -> iam.createOpenIDConnectProvider(r -> r.url("http://idp.example")
                    .clientIDList("a")), 400, "InvalidInput", "https://");
            assertAwsError(() -> iam.createOpenIDConnectProvider(r -> r.url("https://idp.example/x?q=1")
                    .clientIDList("a")), 400, "InvalidInput", "query");
            assertAwsError(() -> iam.createOpenIDConnectProvider(r -> r.url("https://" + unique("i") + ".example")
                    .thumbprintList("not-a-thumbprint")), 400, "ValidationError", "thumbprintList");
            assertAwsError(() -> iam.createOpenIDConnectProvider(r -> r.url("https://" + unique("i") + ".example")
                    .thumbprintList(List.of(THUMB, THUMB.replace('9', '8'), THUMB.replace('9', '7'),
                            THUMB.replace('9', '6'), THUMB.replace('9', '5'), THUMB.replace('9', '4')))),
                    400, "InvalidInput", "Thumbprint list");
            assertAwsError(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(
                    "arn:aws:iam::" + ACCOUNT + ":oidc-provider/absent.example")), 404, "NoSuchEntity", "not found");
        }
    }
}
