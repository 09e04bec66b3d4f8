package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import io.keygate.support.TestClients;

/** Users and access keys through the AWS SDK for Java v2 IamClient. */
@QuarkusTest
class UserSdkTest {

    @Test
    void createGetUpdateDeleteUser() {
        try (IamClient iam = iam(root())) {
            String name = unique("alice");
            User created = iam.createUser(b -> b.userName(name).path("/eng/")
                    .tags(Tag.builder().key("team").value("blue").build())).user();
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/eng/" + name);
            assertThat(created.userId()).startsWith("AIDA").hasSize(21);
            assertThat(created.tags()).extracting(Tag::key).containsExactly("team");

            User got = iam.getUser(b -> b.userName(name.toUpperCase())).user();
            assertThat(got.userName()).isEqualTo(name);
            assertThat(got.path()).isEqualTo("/eng/");

            assertAwsError(() -> iam.createUser(b -> b.userName(name.toUpperCase())), 409, "EntityAlreadyExists",
                    "User with name " + name.toUpperCase() + " already exists.");

            String renamed = unique("bob");
            iam.updateUser(b -> b.userName(name).newUserName(renamed).newPath("/ops/"));
            assertAwsError(() -> iam.getUser(b -> b.userName(name)), 404, "NoSuchEntity",
                    "The user with name " + name + " cannot be found.");
            assertThat(iam.getUser(b -> b.userName(renamed)).user().arn()).endsWith(":user/ops/" + renamed);
            assertThat(iam.getUser(b -> b.userName(renamed)).user().userId()).isEqualTo(created.userId());

            iam.deleteUser(b -> b.userName(renamed));
            assertAwsError(() -> iam.deleteUser(b -> b.userName(renamed)), 404, "NoSuchEntity", null);
        }
    }

    @Test
    void userValidationFollowsTheModel() {
        try (IamClient iam = iam(root())) {
            assertAwsError(() -> iam.createUser(b -> b.userName("bad name")), 400, "ValidationError",
                    "The specified value for userName is invalid. It must contain only alphanumeric characters "
                            + "and/or the following: +=,.@_-");
            assertAwsError(() -> iam.createUser(b -> b.userName("x".repeat(65))), 400, "ValidationError",
                    "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
                            + "Member must have length less than or equal to 64");
            assertAwsError(() -> iam.createUser(b -> b.userName(unique("p")).path("no-slash")), 400,
                    "ValidationError", "The specified value for path is invalid. It must begin and end with / and "
                            + "contain only alphanumeric characters and/or / characters.");
            assertAwsError(() -> iam.createUser(b -> b.userName(unique("t"))
                    .tags(Tag.builder().key("aws:x").value("1").build())), 400, "InvalidInput", "aws:");
        }
    }

    @Test
    void listUsersPaginatesStablyWithPathPrefix() {
        try (IamClient iam = iam(root())) {
            String path = "/" + unique("page") + "/";
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String n = "u" + i + "-" + unique("p");
                names.add(n);
                iam.createUser(b -> b.userName(n).path(path));
            }
            List<String> seen = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                String m = marker;
                ListUsersResponse page = iam.listUsers(b -> b.pathPrefix(path).maxItems(3).marker(m));
                page.users().forEach(u -> seen.add(u.userName()));
                marker = page.isTruncated() ? page.marker() : null;
                pages++;
            } while (marker != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyElementsOf(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
            assertThat(iam.listUsersPaginator(b -> b.pathPrefix(path).maxItems(2)).users()).hasSize(7);
        }
    }

    @Test
    void tagsAddRemoveAndList() {
        try (IamClient iam = iam(root())) {
            String name = unique("tagged");
            iam.createUser(b -> b.userName(name));
            iam.tagUser(b -> b.userName(name).tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
            iam.tagUser(b -> b.userName(name).tags(Tag.builder().key("A").value("3").build()));
            assertThat(iam.listUserTags(b -> b.userName(name)).tags())
                    .extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "3"),
                            org.assertj.core.groups.Tuple.tuple("b", "2"));
            iam.untagUser(b -> b.userName(name).tagKeys("b"));
            assertThat(iam.listUserTags(b -> b.userName(name)).tags()).hasSize(1);
        }
    }

    @Test
    void accessKeysLifecycleAndQuota() {
        try (IamClient iam = iam(root())) {
            String name = unique("keys");
            iam.createUser(b -> b.userName(name));
            AccessKey k1 = iam.createAccessKey(b -> b.userName(name)).accessKey();
            assertThat(k1.accessKeyId()).startsWith("AKIA").hasSize(20);
            assertThat(k1.secretAccessKey()).hasSize(40);
            assertThat(k1.status()).isEqualTo(StatusType.ACTIVE);
            iam.createAccessKey(b -> b.userName(name));
            assertAwsError(() -> iam.createAccessKey(b -> b.userName(name)), 409, "LimitExceeded",
                    "Cannot exceed quota for AccessKeysPerUser: 2");
            assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()).hasSize(2);
            assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata())
                    .allSatisfy(m -> assertThat(m.userName()).isEqualTo(name));

            // the new key works, and is refused once inactive
            var creds = AwsBasicCredentials.create(k1.accessKeyId(), k1.secretAccessKey());
            try (StsClient sts = TestClients.sts(creds)) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + name);
            }
            var lastUsed = iam.getAccessKeyLastUsed(b -> b.accessKeyId(k1.accessKeyId()));
            assertThat(lastUsed.userName()).isEqualTo(name);
            assertThat(lastUsed.accessKeyLastUsed().serviceName()).isEqualTo("sts");
            iam.updateAccessKey(b -> b.userName(name).accessKeyId(k1.accessKeyId()).status(StatusType.INACTIVE));
            try (StsClient sts = TestClients.sts(creds)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(sts::getCallerIdentity)
                        .isInstanceOfSatisfying(software.amazon.awssdk.services.sts.model.StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }

            assertAwsError(() -> iam.deleteUser(b -> b.userName(name)), 409, "DeleteConflict",
                    "Cannot delete entity, must delete access keys first.");
            iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()
                    .forEach(m -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(m.accessKeyId())));
            assertAwsError(() -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k1.accessKeyId())), 404,
                    "NoSuchEntity", "The Access Key with id " + k1.accessKeyId() + " cannot be found.");
            iam.deleteUser(b -> b.userName(name));
        }
    }
}
