package io.keygate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.iam.GroupMembership;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.iam.action.IamContext;
import io.keygate.support.TestSamlResponses;

/** The bootstrap file without Quarkus: what it creates, idempotency, drift, and refusals that apply nothing. */
class DeclarativeBootstrapTest {

    private static final String ACCOUNT = "111122223333";
    private static final Path EXAMPLE = Path.of("config", "bootstrap-example.yaml");

    private final IamContext iam = MemoryIam.with(ACCOUNT, "444455556666");

    private DeclarativeBootstrap bootstrap(Map<String, String> env) {
        return new DeclarativeBootstrap(iam, env::get);
    }

    private DeclarativeBootstrap.Result apply(String yaml) {
        return bootstrap(Map.of()).apply("test.yaml", new BootstrapFileReader().parse("test.yaml", yaml), ACCOUNT);
    }

    /** Applies {@code yaml}, expects a refusal, checks that nothing at all was created. */
    private String refusal(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> apply(yaml));
        assertThat(thrown).isInstanceOf(BootstrapFileException.class);
        assertThat(iam.users().list(ACCOUNT)).isEmpty();
        assertThat(iam.groups().list(ACCOUNT)).isEmpty();
        assertThat(iam.roles().list(ACCOUNT)).isEmpty();
        assertThat(iam.policies().list(ACCOUNT)).isEmpty();
        return thrown.getMessage();
    }

    @Test
    void exampleFileWhenAppliedThenCreatesGroupsUsersRolesAndPolicies() {
        var result = bootstrap(Map.of()).apply(EXAMPLE, ACCOUNT);

        assertThat(result.created()).hasSize(1 + 3 + 5 + 2);
        assertThat(result.drift()).isEmpty();
        assertThat(iam.groups().find(ACCOUNT, "Developers").orElseThrow().attachedPolicies()).containsExactly(
                "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMUserChangePassword",
                "arn:aws:iam::111122223333:policy/DeveloperAssumeRole");
        User bob = iam.users().find(ACCOUNT, "bob").orElseThrow();
        assertThat(bob.groups()).extracting(GroupMembership::groupName).containsExactly("Developers");
        assertThat(bob.tags()).containsEntry("team", "payments");
        assertThat(iam.users().find(ACCOUNT, "ci-deployer").orElseThrow().path()).isEqualTo("/ci/");
        Role ci = iam.roles().find(ACCOUNT, "CIDeployRole").orElseThrow();
        assertThat(ci.assumeRolePolicyDocument()).contains("arn:aws:iam::111122223333:user/ci/ci-deployer")
                .contains("sts:ExternalId");
        assertThat(ci.permissionsBoundary()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(ci.inlinePolicies()).containsKey("NoIamWrites");
        assertThat(iam.roles().find(ACCOUNT, "DeveloperRole").orElseThrow().maxSessionDuration()).isEqualTo(14400);
    }

    @Test
    void oidcProvidersWhenDeclaredThenCreatedOnceWithCaseKeptAndRoleTrustingThem() {
        String yaml = """
                oidcProviders:
                  - url: https://idp.example:8443/realms/Corp
                    clientIds: [app, cli]
                    thumbprints: [9E99A48A9960B14926BB7F3B02E22DA2B0AB7280]
                    tags: {team: core}
                  - url: https://idp.example:8443/realms/corp
                    clientIds: [app]
                roles:
                  - name: CorpRole
                    assumeRolePolicyDocument:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Principal: {Federated: "arn:aws:iam::${AWS::AccountId}:oidc-provider/idp.example:8443/realms/Corp"}
                          Action: sts:AssumeRoleWithWebIdentity
                          Condition: {StringEquals: {"idp.example:8443/realms/Corp:aud": app}}
                """;
        var result = apply(yaml);
        assertThat(result.created()).hasSize(3);
        var corp = iam.oidcProviders().find(ACCOUNT, "idp.example:8443/realms/Corp").orElseThrow();
        assertThat(corp.clientIds()).containsExactly("app", "cli");
        assertThat(corp.thumbprints()).containsExactly("9e99a48a9960b14926bb7f3b02e22da2b0ab7280");
        assertThat(corp.tags()).containsEntry("team", "core");
        assertThat(iam.oidcProviders().list(ACCOUNT)).hasSize(2);
        assertThat(apply(yaml).created()).isEmpty();
    }

    @Test
    void oidcProviderWhenUrlIsNotHttpsThenRefused() {
        assertThat(refusal("oidcProviders:\n  - url: http://idp.example\n    clientIds: [a]\n"))
                .contains("oidcProviders[0]").contains("https://");
    }

    @Test
    void samlProvidersWhenDeclaredInlineOrAsAFileThenCreatedOnceAndDriftReportedWithoutOverwriting(
            @TempDir Path dir) throws Exception {
        var saml = MemoryIam.samlProviders();
        String corpMetadata = TestSamlResponses.metadata(TestSamlResponses.ISSUER, TestSamlResponses.IDP);
        String partnerMetadata = TestSamlResponses.metadata("https://partner.example/idp", TestSamlResponses.IDP);
        Files.writeString(dir.resolve("partner-idp.xml"), partnerMetadata);
        String yaml = "samlProviders:\n"
                + "  - name: Corp\n"
                + "    assertionEncryptionMode: Required\n"
                + "    tags: {team: core}\n"
                + "    metadataDocument: |\n"
                + corpMetadata.lines().map(l -> "      " + l + "\n").reduce("", String::concat)
                + "  - name: Partner\n"
                + "    metadataFile: partner-idp.xml\n"
                + "roles:\n"
                + "  - name: CorpRole\n"
                + "    assumeRolePolicyDocument:\n"
                + "      Version: \"2012-10-17\"\n"
                + "      Statement:\n"
                + "        - Effect: Allow\n"
                + "          Principal: {Federated: \"arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/Corp\"}\n"
                + "          Action: sts:AssumeRoleWithSAML\n";
        Path file = dir.resolve("iam.yaml");
        Files.writeString(file, yaml);
        DeclarativeBootstrap bootstrap = new DeclarativeBootstrap(iam, saml, name -> null);

        var result = bootstrap.apply(file, ACCOUNT);

        assertThat(result.created()).containsExactly("SAML provider 'Corp' in " + ACCOUNT,
                "SAML provider 'Partner' in " + ACCOUNT, "role 'CorpRole' in " + ACCOUNT);
        var corp = saml.find(ACCOUNT, "Corp").orElseThrow();
        assertThat(corp.entityId()).isEqualTo(TestSamlResponses.ISSUER);
        assertThat(corp.metadataDocument()).isEqualTo(corpMetadata);
        assertThat(corp.assertionEncryptionMode()).isEqualTo("Required");
        assertThat(corp.tags()).containsEntry("team", "core");
        var partner = saml.find(ACCOUNT, "Partner").orElseThrow();
        assertThat(partner.entityId()).isEqualTo("https://partner.example/idp");
        assertThat(partner.assertionEncryptionMode()).isEqualTo("Allowed");
        assertThat(iam.roles().find(ACCOUNT, "CorpRole").orElseThrow().assumeRolePolicyDocument())
                .contains("arn:aws:iam::111122223333:saml-provider/Corp");

        var again = bootstrap.apply(file, ACCOUNT);
        assertThat(again.created()).isEmpty();
        assertThat(again.drift()).isEmpty();

        Files.writeString(dir.resolve("partner-idp.xml"), TestSamlResponses.metadata("https://partner.example/idp",
                TestSamlResponses.newKey("CN=rolled over")));
        var drifted = bootstrap.apply(file, ACCOUNT);
        assertThat(drifted.created()).isEmpty();
        assertThat(drifted.drift()).singleElement().asString()
                .contains("SAML provider 'Partner'", "metadata", "left as it is");
        assertThat(saml.find(ACCOUNT, "Partner").orElseThrow().metadataDocument()).isEqualTo(partnerMetadata);
    }

    @Test
    void identityProviderExampleInDocsWhenAppliedThenCreatesProvidersAndTheRoleOnce(@TempDir Path dir)
            throws Exception {
        String page = Files.readString(Path.of("docs", "bootstrap.md"));
        int start = page.indexOf("```yaml\n", page.indexOf("### Identity providers")) + "```yaml\n".length();
        Files.writeString(dir.resolve("bootstrap.yaml"), page.substring(start, page.indexOf("```", start)));
        Files.writeString(dir.resolve("idp-metadata.xml"),
                TestSamlResponses.metadata(TestSamlResponses.ISSUER, TestSamlResponses.IDP));
        var saml = MemoryIam.samlProviders();
        DeclarativeBootstrap bootstrap = new DeclarativeBootstrap(iam, saml, name -> null);

        var result = bootstrap.apply(dir.resolve("bootstrap.yaml"), ACCOUNT);

        assertThat(result.created()).containsExactly("SAML provider 'Corp' in " + ACCOUNT,
                "role 'CorpDeveloper' in " + ACCOUNT, "OIDC provider 'https://idp.example.com/realms/corp' in " + ACCOUNT);
        assertThat(saml.find(ACCOUNT, "Corp").orElseThrow().assertionEncryptionMode()).isEqualTo("Required");
        assertThat(bootstrap.apply(dir.resolve("bootstrap.yaml"), ACCOUNT).created()).isEmpty();
    }

    @Test
    void samlProviderWhenMetadataIsMissingDoubledOrInvalidThenRefusedAndNothingCreated(@TempDir Path dir) {
        var saml = MemoryIam.samlProviders();
        DeclarativeBootstrap bootstrap = new DeclarativeBootstrap(iam, saml, name -> null);
        String source = dir.resolve("iam.yaml").toString();
        java.util.function.Function<String, String> refused = yaml -> {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> bootstrap.apply(source,
                    new BootstrapFileReader().parse(source, yaml), ACCOUNT));
            assertThat(thrown).isInstanceOf(BootstrapFileException.class);
            assertThat(saml.list(ACCOUNT)).isEmpty();
            assertThat(iam.users().list(ACCOUNT)).isEmpty();
            return thrown.getMessage();
        };

        assertThat(refused.apply("samlProviders:\n  - name: Corp\n")).contains("samlProviders[0]")
                .contains("metadataDocument", "metadataFile", "exactly one");
        assertThat(refused.apply("samlProviders:\n  - name: Corp\n    metadataDocument: x\n"
                + "    metadataFile: y.xml\n")).contains("exactly one");
        assertThat(refused.apply("samlProviders:\n  - name: Corp\n    metadataFile: missing.xml\n"))
                .contains("samlProviders[0].metadataFile").contains("missing.xml").contains("does not exist");
        String noCertificate = TestSamlResponses.metadata(TestSamlResponses.ISSUER).replace("\n", " ");
        assertThat(refused.apply("users: [{name: early}]\nsamlProviders:\n  - name: Corp\n    metadataDocument: '"
                + noCertificate + "'\n")).contains("SAML provider 'Corp'").contains("InvalidInput");
    }

    @Test
    void applyWhenRunTwiceThenSecondRunChangesNothing() {
        bootstrap(Map.of()).apply(EXAMPLE, ACCOUNT);
        List<User> users = iam.users().list(ACCOUNT);
        List<Role> roles = iam.roles().list(ACCOUNT);

        var again = bootstrap(Map.of()).apply(EXAMPLE, ACCOUNT);

        assertThat(again.created()).isEmpty();
        assertThat(again.drift()).isEmpty();
        assertThat(iam.users().list(ACCOUNT)).isEqualTo(users);
        assertThat(iam.roles().list(ACCOUNT)).isEqualTo(roles);
    }

    @Test
    void applyWhenEntityDiffersThenDriftIsReportedAndNothingIsOverwritten() {
        bootstrap(Map.of()).apply(EXAMPLE, ACCOUNT);
        iam.roles().update(ACCOUNT, "DeveloperRole", r -> r.withSettings("changed by hand", 3600));

        var again = bootstrap(Map.of()).apply(EXAMPLE, ACCOUNT);

        assertThat(again.drift()).singleElement().asString()
                .contains("role 'DeveloperRole'", "description", "maxSessionDuration", "left as it is");
        assertThat(iam.roles().find(ACCOUNT, "DeveloperRole").orElseThrow().maxSessionDuration()).isEqualTo(3600);
    }

    @Test
    void accountIdWhenGivenThenDocumentAppliesToThatAccount() {
        apply("""
                accountId: "444455556666"
                users: [{name: other}]
                ---
                users: [{name: mine}]
                """);
        assertThat(iam.users().find("444455556666", "other")).isPresent();
        assertThat(iam.users().find(ACCOUNT, "mine")).isPresent();
        assertThat(iam.users().find(ACCOUNT, "other")).isEmpty();
    }

    @Test
    void loginProfileWhenVariableSetThenUserGetsPassword() {
        bootstrap(Map.of("ALICE_PASSWORD", "Initial-Passw0rd!")).apply("test.yaml", new BootstrapFileReader()
                .parse("test.yaml", """
                        users:
                          - name: alice
                            loginProfile: {passwordEnv: ALICE_PASSWORD, passwordResetRequired: true}
                        """), ACCOUNT);
        var profile = iam.users().find(ACCOUNT, "alice").orElseThrow().loginProfile();
        assertThat(profile.passwordResetRequired()).isTrue();
        assertThat(io.keygate.credentials.PasswordHasher.create().verify("Initial-Passw0rd!", profile.passwordHash()))
                .isTrue();
        assertThat(profile.toString()).doesNotContain("Initial-Passw0rd!");
    }

    @Test
    void loginProfileWhenVariableUnsetThenRefused() {
        assertThat(refusal("""
                users:
                  - name: alice
                    loginProfile: {passwordEnv: NOT_SET_ANYWHERE}
                """)).contains("user 'alice'", "users[0].loginProfile.passwordEnv", "NOT_SET_ANYWHERE is not set");
    }

    @Test
    void yamlWhenMalformedThenRefusedWithFileAndLine() {
        assertThat(refusal("""
                users:
                  - name: alice
                   path: /x/
                """)).startsWith("Bootstrap file test.yaml, document 1, line 3");
    }

    @Test
    void yamlWhenKeyUnknownThenRefusedNamingKeyAndField() {
        assertThat(refusal("""
                users:
                  - name: alice
                    tagz: {a: b}
                """)).contains("test.yaml", "field users[0].tagz", "unknown key 'tagz'", "expected one of",
                "tags");
    }

    @Test
    void yamlWhenTypeWrongThenRefusedNamingField() {
        assertThat(refusal("""
                roles:
                  - name: r
                    maxSessionDuration: forever
                """)).contains("field roles[0].maxSessionDuration");
    }

    @Test
    void policyWhenMalformedThenRefusedAndEarlierEntitiesAreNotCreated() {
        assertThat(refusal("""
                groups: [{name: Admins, managedPolicies: [AdministratorAccess]}]
                users: [{name: alice, groups: [Admins]}]
                roles:
                  - name: Broken
                    assumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole}]}
                    inlinePolicies:
                      bad: {Version: "2012-10-17", Statement: [{Effect: Perhaps, Action: "*", Resource: "*"}]}
                """)).contains("Bootstrap file test.yaml, document 1, role 'Broken'",
                "field roles[0].inlinePolicies.bad", "MalformedPolicyDocument");
    }

    @Test
    void nameWhenInvalidThenRefusedWithTheIamValidationError() {
        assertThat(refusal("""
                users: [{name: "not a valid name!"}]
                """)).contains("user 'not a valid name!'", "field users[0].name", "ValidationError",
                "userName");
    }

    @Test
    void groupReferenceWhenMissingThenRefusedNamingTheReference() {
        assertThat(refusal("""
                users: [{name: bob, groups: [Nobody]}]
                """)).contains("user 'bob'", "field users[0].groups[0]", "NoSuchEntity", "Nobody");
    }

    @Test
    void policyReferenceWhenUnknownThenRefused() {
        assertThat(refusal("""
                groups: [{name: G, managedPolicies: [NoSuchPolicyAnywhere]}]
                """)).contains("field groups[0].managedPolicies[0]", "no managed policy is named NoSuchPolicyAnywhere");
    }

    @Test
    void accountWhenMissingThenRefused() {
        assertThat(refusal("""
                accountId: "999999999999"
                users: [{name: x}]
                """)).contains("field accountId", "999999999999 does not exist");
    }

    @Test
    void nameWhenAbsentThenRefused() {
        assertThat(refusal("""
                roles: [{path: /x/}]
                """)).contains("field roles[0].name", "a name is required");
    }

    @Test
    void fileWhenTooLargeThenRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "#".repeat(BootstrapFileReader.MAX_BYTES + 1));
        assertThatThrownBy(() -> new BootstrapFileReader().read(big))
                .isInstanceOf(BootstrapFileException.class).hasMessageContaining("larger than");
    }

    @Test
    void yamlWhenTypeTagGivenThenNoClassIsInstantiated() {
        assertThat(refusal("""
                users: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                """)).contains("test.yaml");
    }

    @Test
    void formatExampleInDocsWhenAppliedThenCreatesEverything() throws Exception {
        String page = Files.readString(Path.of("docs", "bootstrap.md"));
        int start = page.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = page.substring(start, page.indexOf("```", start));
        var result = bootstrap(Map.of("ERIN_INITIAL_PASSWORD", "Docs-Passw0rd!")).apply("docs/bootstrap.md",
                new BootstrapFileReader().parse("docs/bootstrap.md", yaml), ACCOUNT);
        assertThat(result.created()).hasSize(4);
        var erin = iam.users().find("111122223333", "erin").orElseThrow().loginProfile();
        assertThat(erin.passwordResetRequired()).isTrue();
        assertThat(io.keygate.credentials.PasswordHasher.create().verify("Docs-Passw0rd!", erin.passwordHash())).isTrue();
    }
}
