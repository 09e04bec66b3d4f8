package io.keygate.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.keygate.auth.AccessDecision;
import io.keygate.auth.Caller;
import io.keygate.auth.CallerDecisions;
import io.keygate.auth.CompiledPolicies;
import io.keygate.auth.RequestFacts;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.iam.Partition;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.Role;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.protocol.query.QueryParams;

/**
 * The shared federated-principal path without a container: trust for a {@code Federated} principal, the trust
 * actions tags and source identity add, the provider's condition keys and the request facts in the trust decision,
 * the duration caps, and the session claims later requests need ({@code ${saml:sub}}).
 */
class FederatedSessionsTest {

    private static final String ACCOUNT = "111122223333";
    private static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/Corp";
    private static final String OTHER_PROVIDER = "arn:aws:iam::111122223333:saml-provider/Other";
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Roles roles = new Roles();
    private final Map<String, String> rolePolicies = new LinkedHashMap<>();
    private final SessionTokenCodec codec = new SessionTokenCodec(KeyRing.generate(CLOCK));
    private final CallerDecisions decisions = new CallerDecisions(new Policies(), new PolicyEvaluator(),
            new CompiledPolicies(), CLOCK);
    private final SessionInputs inputs = new SessionInputs(new Policies(), new CompiledPolicies());
    private final FederatedSessions sessions = new FederatedSessions(roles,
            new CredentialMinter(IdGenerator.create(), codec, CLOCK), inputs, decisions, CLOCK);
    private final Caller unsigned = Caller.unsigned(Partition.AWS, "us-east-1",
            new RequestFacts("203.0.113.7", true, "aws-cli/2.9.19"));

    private static String trust(String provider, String actions, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + provider + "\"},\"Action\":" + actions + (condition == null ? "" : ",\"Condition\":" + condition)
                + "}]}";
    }

    private String role(String name, String trustPolicy, int maxSession) {
        roles.put(new Role(ACCOUNT, "AROA" + name.toUpperCase(java.util.Locale.ROOT) + "0000000000", name, "/",
                NOW, trustPolicy, null, maxSession, Map.of(), null, Map.of(), List.of(), null, null));
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static FederatedIdentity identity(String provider, List<Map.Entry<String, String>> tags,
                                              List<String> transitive, String sourceIdentity, Integer max,
                                              Instant notOnOrAfter) {
        return new FederatedIdentity(IssuingAction.AssumeRoleWithSAML, provider, "alice@example.com", "alice",
                Map.of("saml:aud", List.of("https://keygate.example.com/saml"),
                        "saml:sub", List.of("alice@example.com"), "saml:edupersonaffiliation", List.of("staff", "member")),
                Map.of("saml:sub", "alice@example.com", "saml:namequalifier", "abc="),
                tags, transitive, sourceIdentity, max, notOnOrAfter);
    }

    private static FederatedIdentity plain(String provider) {
        return identity(provider, List.of(), List.of(), null, null, null);
    }

    private SessionInputs.Inputs noPolicy() {
        return inputs.read(new QueryParams(Map.of()), ACCOUNT, false);
    }

    private static void assertCode(Runnable call, AwsErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KeygateException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void assumeWhenTrustNamesTheProviderThenTheSessionCarriesProviderSubjectAndSessionKeys() {
        String arn = role("dev", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 7200);

        FederatedSessions.FederatedSession s = sessions.assume(plain(PROVIDER), arn, null, noPolicy(), unsigned);

        SessionClaims claims = codec.decode(s.credentials().sessionToken());
        assertThat(s.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/dev/alice");
        assertThat(s.assumedRoleId()).isEqualTo("AROADEV0000000000:alice");
        assertThat(claims.federatedProvider()).isEqualTo(PROVIDER);
        assertThat(claims.federatedSubject()).isEqualTo("alice@example.com");
        assertThat(claims.federatedClaims()).containsEntry("saml:sub", "alice@example.com")
                .containsEntry("saml:namequalifier", "abc=");
        assertThat(claims.issuingAction()).isEqualTo(IssuingAction.AssumeRoleWithSAML);
        assertThat(claims.mfaPresent()).isFalse();
        assertThat(s.credentials().expiration()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void assumeWhenTrustNamesAnotherProviderThenAccessDenied() {
        String arn = role("dev", trust(OTHER_PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);

        assertThatThrownBy(() -> sessions.assume(plain(PROVIDER), arn, null, noPolicy(), unsigned))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("Not authorized to perform sts:AssumeRoleWithSAML");
    }

    @Test
    void assumeWhenTrustAllowsOnlyWebIdentityThenAccessDenied() {
        String arn = role("dev", trust(PROVIDER, "\"sts:AssumeRoleWithWebIdentity\"", null), 3600);

        assertCode(() -> sessions.assume(plain(PROVIDER), arn, null, noPolicy(), unsigned), AwsErrorCode.AccessDenied);
    }

    @Test
    void assumeWhenRoleIsUnknownOrInAnotherAccountThenTheSameAccessDenied() {
        role("dev", trust("arn:aws:iam::444455556666:saml-provider/Corp", "\"sts:AssumeRoleWithSAML\"", null), 3600);
        String foreignProvider = "arn:aws:iam::444455556666:saml-provider/Corp";

        assertCode(() -> sessions.assume(plain(PROVIDER), "arn:aws:iam::111122223333:role/nope", null, noPolicy(),
                unsigned), AwsErrorCode.AccessDenied);
        assertCode(() -> sessions.assume(plain(foreignProvider), "arn:aws:iam::111122223333:role/dev", null,
                noPolicy(), unsigned), AwsErrorCode.AccessDenied);
    }

    @Test
    void assumeWhenProviderConditionKeysMatchThenAllowedElseDenied() {
        String ok = role("aud", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"SAML:aud\":\"https://keygate.example.com/saml\"},"
                        + "\"ForAnyValue:StringEquals\":{\"saml:edupersonaffiliation\":\"staff\"}}"), 3600);
        String wrong = role("aud2", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"",
                "{\"StringEquals\":{\"saml:aud\":\"https://signin.aws.amazon.com/saml\"}}"), 3600);

        assertThat(sessions.assume(plain(PROVIDER), ok, null, noPolicy(), unsigned).arn()).endsWith("/aud/alice");
        assertCode(() -> sessions.assume(plain(PROVIDER), wrong, null, noPolicy(), unsigned), AwsErrorCode.AccessDenied);
    }

    @Test
    void assumeWhenTrustTestsTheRequestFactsThenTheUnsignedCallersFactsDecide() {
        String arn = role("net", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"",
                "{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"},\"Bool\":{\"aws:SecureTransport\":\"true\"},"
                        + "\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}"), 3600);
        Caller elsewhere = Caller.unsigned(Partition.AWS, "us-east-1", new RequestFacts("198.51.100.1", true, null));

        assertThat(sessions.assume(plain(PROVIDER), arn, null, noPolicy(), unsigned).arn()).endsWith("/net/alice");
        assertCode(() -> sessions.assume(plain(PROVIDER), arn, null, noPolicy(), elsewhere), AwsErrorCode.AccessDenied);
    }

    @Test
    void assumeWhenTagsAreAssertedThenTagSessionIsNeededAndTheTagsReachTheSession() {
        FederatedIdentity tagged = identity(PROVIDER, List.of(Map.entry("Project", "blue"), Map.entry("Team", "ops")),
                List.of("Project"), null, null, null);
        String without = role("notag", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);
        String with = role("tag", trust(PROVIDER, "[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"]",
                "{\"StringEquals\":{\"aws:RequestTag/Project\":\"blue\"}}"), 3600);

        assertCode(() -> sessions.assume(tagged, without, null, noPolicy(), unsigned), AwsErrorCode.AccessDenied);
        FederatedSessions.FederatedSession s = sessions.assume(tagged, with, null, noPolicy(), unsigned);
        SessionClaims claims = codec.decode(s.credentials().sessionToken());
        assertThat(claims.sessionTags()).containsExactly(Map.entry("Project", "blue"), Map.entry("Team", "ops"));
        assertThat(claims.transitiveTagKeys()).containsExactly("Project");
        // pinned for these two fixed tags (no policy, no ARNs): 3% of the 1,024-byte budget
        assertThat(s.packedPolicySize()).isEqualTo(3);
    }

    @Test
    void assumeWhenAssertedTagsBreakTheSharedTagRulesThenTheSameErrorsAsAssumeRole() {
        String arn = role("tag", trust(PROVIDER, "[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\"]", null), 3600);

        assertCode(() -> sessions.assume(identity(PROVIDER, List.of(Map.entry("aws:x", "1")), List.of(), null, null,
                null), arn, null, noPolicy(), unsigned), AwsErrorCode.ValidationError);
        assertCode(() -> sessions.assume(identity(PROVIDER, List.of(Map.entry("K", "1"), Map.entry("k", "2")),
                List.of(), null, null, null), arn, null, noPolicy(), unsigned), AwsErrorCode.ValidationError);
        assertCode(() -> sessions.assume(identity(PROVIDER, List.of(Map.entry("K", "1")), List.of("Other"), null,
                null, null), arn, null, noPolicy(), unsigned), AwsErrorCode.ValidationError);
        List<Map.Entry<String, String>> big = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40; i++) {
            StringBuilder v = new StringBuilder();
            for (int j = 0; j < 250; j++) {
                v.append((char) ('a' + random.nextInt(26)));
            }
            big.add(Map.entry("k" + i, v.toString()));
        }
        assertCode(() -> sessions.assume(identity(PROVIDER, big, List.of(), null, null, null), arn, null, noPolicy(),
                unsigned), AwsErrorCode.PackedPolicyTooLarge);
    }

    @Test
    void assumeWhenSourceIdentityIsAssertedThenSetSourceIdentityIsNeeded() {
        FederatedIdentity withSource = identity(PROVIDER, List.of(), List.of(), "alice", null, null);
        String without = role("nosrc", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);
        String with = role("src", trust(PROVIDER, "[\"sts:AssumeRoleWithSAML\",\"sts:SetSourceIdentity\"]",
                "{\"StringEquals\":{\"sts:SourceIdentity\":\"alice\"}}"), 3600);

        assertCode(() -> sessions.assume(withSource, without, null, noPolicy(), unsigned), AwsErrorCode.AccessDenied);
        FederatedSessions.FederatedSession s = sessions.assume(withSource, with, null, noPolicy(), unsigned);
        assertThat(s.sourceIdentity()).isEqualTo("alice");
        assertThat(codec.decode(s.credentials().sessionToken()).sourceIdentity()).isEqualTo("alice");
        assertCode(() -> sessions.assume(identity(PROVIDER, List.of(), List.of(), "aws:me", null, null), with, null,
                noPolicy(), unsigned), AwsErrorCode.ValidationError);
    }

    @Test
    void assumeWhenTheProviderCapsTheSessionThenOnlyShorterNeverLonger() {
        String arn = role("long", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 43_200);

        assertThat(sessions.assume(identity(PROVIDER, List.of(), List.of(), null, 1800, null), arn, 7200, noPolicy(),
                unsigned).credentials().expiration()).isEqualTo(NOW.plusSeconds(1800));
        assertThat(sessions.assume(identity(PROVIDER, List.of(), List.of(), null, 43_200, null), arn, 7200, noPolicy(),
                unsigned).credentials().expiration()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(sessions.assume(identity(PROVIDER, List.of(), List.of(), null, null, NOW.plusSeconds(1000)), arn,
                null, noPolicy(), unsigned).credentials().expiration()).isEqualTo(NOW.plusSeconds(1000));
        assertCode(() -> sessions.assume(identity(PROVIDER, List.of(), List.of(), null, null, NOW), arn, null,
                noPolicy(), unsigned), AwsErrorCode.ExpiredTokenException);
        assertCode(() -> sessions.assume(plain(PROVIDER), arn, 43_201, noPolicy(), unsigned),
                AwsErrorCode.ValidationError);
        String shortRole = role("short", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);
        assertCode(() -> sessions.assume(plain(PROVIDER), shortRole, 3601, noPolicy(), unsigned),
                AwsErrorCode.ValidationError);
    }

    @Test
    void assumeWhenSessionNameBreaksTheRuleThenValidationError() {
        String arn = role("dev", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);
        FederatedIdentity spaced = new FederatedIdentity(IssuingAction.AssumeRoleWithSAML, PROVIDER, "s", "a b",
                Map.of(), Map.of(), List.of(), List.of(), null, null, null);

        assertCode(() -> sessions.assume(spaced, arn, null, noPolicy(), unsigned), AwsErrorCode.ValidationError);
    }

    @Test
    void evaluateExplainsEachTrustActionWithoutMinting() {
        FederatedIdentity tagged = identity(PROVIDER, List.of(Map.entry("Project", "blue")), List.of(), null, null,
                null);
        String arn = role("tag", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);

        FederatedSessions.TrustEvaluation t = sessions.evaluate(tagged, arn, null, noPolicy(), unsigned);

        assertThat(t.allowed()).isFalse();
        assertThat(t.decisions()).extracting(FederatedSessions.ActionDecision::action)
                .containsExactly("sts:AssumeRoleWithSAML", "sts:TagSession");
        assertThat(t.decisions().get(0).decision().allowed()).isTrue();
        assertThat(t.decisions().get(1).decision().allowed()).isFalse();
        assertThat(t.context()).containsEntry("saml:aud", List.of("https://keygate.example.com/saml"))
                .containsEntry("aws:RequestTag/Project", List.of("blue"))
                .containsEntry("sts:RoleSessionName", List.of("alice"));
    }

    @Test
    void laterRequestsOfTheSessionSeeSamlSubAsAPolicyVariable() {
        String arn = role("s3", trust(PROVIDER, "\"sts:AssumeRoleWithSAML\"", null), 3600);
        rolePolicies.put("s3", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::docs/users/${saml:sub}/*\"}]}");
        SessionClaims claims = codec.decode(sessions.assume(plain(PROVIDER), arn, null, noPolicy(), unsigned)
                .credentials().sessionToken());
        Caller session = new Caller(Caller.PrincipalType.AssumedRole, Partition.AWS, ACCOUNT, claims.principalArn(),
                claims.userId(), null, claims.accessKeyId().value(), null, claims, "us-east-1");

        AccessDecision own = decisions.decide(session, "s3:GetObject",
                "arn:aws:s3:::docs/users/alice@example.com/report.pdf", Map.of(), null);
        AccessDecision other = decisions.decide(session, "s3:GetObject",
                "arn:aws:s3:::docs/users/bob@example.com/report.pdf", Map.of(), null);

        assertThat(own.allowed()).isTrue();
        assertThat(other.allowed()).isFalse();
        assertThat(own.context().values("aws:FederatedProvider")).contains(List.of(PROVIDER));
        assertThat(own.context().values("saml:namequalifier")).contains(List.of("abc="));
    }

    /** Roles in a map. */
    private static final class Roles implements RoleRepository {
        private final Map<String, Role> byName = new LinkedHashMap<>();

        void put(Role role) {
            byName.put(role.accountId() + "/" + role.name(), role);
        }

        @Override
        public Optional<Role> find(String accountId, String name) {
            return Optional.ofNullable(byName.get(accountId + "/" + name));
        }

        @Override
        public boolean create(Role entity) {
            put(entity);
            return true;
        }

        @Override
        public Optional<Role> update(String accountId, String name, UnaryOperator<Role> change) {
            return find(accountId, name).map(change);
        }

        @Override
        public Optional<Role> delete(String accountId, String name, Consumer<Role> check) {
            return Optional.ofNullable(byName.remove(accountId + "/" + name));
        }

        @Override
        public List<Role> list(String accountId) {
            return List.copyOf(byName.values());
        }
    }

    /** The roles' single inline policy, from {@link #rolePolicies}. */
    private final class Policies implements PrincipalPolicies {
        @Override
        public Optional<Applicable> forUser(String accountId, String userName) {
            return Optional.empty();
        }

        @Override
        public Optional<Applicable> forRole(String accountId, String roleName) {
            return roles.find(accountId, roleName).map(r -> new Applicable(r.arn(Partition.AWS), r.roleId(),
                    rolePolicies.containsKey(roleName) ? List.of(new StoredPolicy(r.arn(Partition.AWS) + "/inline",
                            StoredPolicy.Kind.ROLE_INLINE, rolePolicies.get(roleName))) : List.of(),
                    Optional.empty(), Map.of()));
        }

        @Override
        public Optional<StoredPolicy> managedPolicy(String policyArn) {
            return Optional.empty();
        }
    }
}
