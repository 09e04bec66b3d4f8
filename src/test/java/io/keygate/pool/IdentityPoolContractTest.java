package io.keygate.pool;

import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.endpoint;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.protocol.model.Operation;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.model.Shape;
import io.keygate.support.TestOidcIssuer;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.MappingRuleMatchType;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMappingType;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Every Cognito Identity operation Keygate serves, called once through the SDK, answers exactly its output shape in
 * the AWS model (only the shape's members, JSON types as the shapes say, {@code {}} for operations without output),
 * and the story calls every served operation.
 */
@QuarkusTest
class IdentityPoolContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.load(ServiceModel.COGNITO_IDENTITY);

    @Inject
    PoolDispatcher dispatcher;

    /** Records the raw JSON of every successful answer, by operation. */
    static final class Capture implements ExecutionInterceptor {
        final List<Map.Entry<String, String>> answers = new ArrayList<>();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
                return body;
            }
            try {
                byte[] bytes = body.get().readAllBytes();
                answers.add(Map.entry(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        new String(bytes, StandardCharsets.UTF_8)));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyServedOperationAnswersItsOutputShape() throws Exception {
        Capture capture = new Capture();
        String s = UUID.randomUUID().toString().substring(0, 8);
        try (TestOidcIssuer idp = TestOidcIssuer.start(18172, "/realms/Contract");
             IamClient iam = iam(root());
             CognitoIdentityClient cognito = CognitoIdentityClient.builder().endpointOverride(endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(root()))
                     .overrideConfiguration(o -> o.addExecutionInterceptor(capture)).build()) {
            IdentityPoolSdkTest.ensureProvider(iam, idp);
            String poolId = cognito.createIdentityPool(r -> r.identityPoolName("contract " + s)
                    .allowUnauthenticatedIdentities(true).allowClassicFlow(true).developerProviderName("login.contract")
                    .supportedLoginProviders(Map.of(idp.id(), "app")).identityPoolTags(Map.of("k", "v")))
                    .identityPoolId();
            String poolArn = "arn:aws:cognito-identity:us-east-1:" + ACCOUNT + ":identitypool/" + poolId;
            cognito.describeIdentityPool(r -> r.identityPoolId(poolId));
            cognito.updateIdentityPool(r -> r.identityPoolId(poolId).identityPoolName("contract " + s)
                    .allowUnauthenticatedIdentities(true).allowClassicFlow(true).developerProviderName("login.contract")
                    .supportedLoginProviders(Map.of(idp.id(), "app")));
            cognito.listIdentityPools(r -> r.maxResults(5));
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{"
                    + "\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                    + "\"Condition\":{\"StringEquals\":{\"cognito-identity.amazonaws.com:aud\":\"" + poolId + "\"}}}]}";
            String role = iam.createRole(r -> r.roleName("contract-" + s).assumeRolePolicyDocument(trust)).role()
                    .arn();
            cognito.setIdentityPoolRoles(r -> r.identityPoolId(poolId)
                    .roles(Map.of("unauthenticated", role, "authenticated", role))
                    .roleMappings(Map.of(idp.id(), RoleMapping.builder().type(RoleMappingType.RULES)
                            .ambiguousRoleResolution("AuthenticatedRole")
                            .rulesConfiguration(c -> c.rules(m -> m.claim("email")
                                    .matchType(MappingRuleMatchType.STARTS_WITH).value("admin@").roleARN(role)))
                            .build())));
            assertThat(cognito.getIdentityPoolRoles(r -> r.identityPoolId(poolId)).roleMappings().get(idp.id())
                    .rulesConfiguration().rules().get(0).value()).isEqualTo("admin@");
            cognito.setPrincipalTagAttributeMap(r -> r.identityPoolId(poolId).identityProviderName(idp.id())
                    .useDefaults(false).principalTags(Map.of("department", "department")));
            assertThat(cognito.getPrincipalTagAttributeMap(r -> r.identityPoolId(poolId)
                    .identityProviderName(idp.id())).principalTags()).isEqualTo(Map.of("department", "department"));
            cognito.tagResource(r -> r.resourceArn(poolArn).tags(Map.of("team", "blue")));
            cognito.untagResource(r -> r.resourceArn(poolArn).tagKeys("k"));
            assertThat(cognito.listTagsForResource(r -> r.resourceArn(poolArn)).tags())
                    .isEqualTo(Map.of("team", "blue"));

            String guest = cognito.getId(r -> r.identityPoolId(poolId)).identityId();
            cognito.getCredentialsForIdentity(r -> r.identityId(guest));
            cognito.getOpenIdToken(r -> r.identityId(guest));
            String token = idp.rs256(idp.claims("carol-" + s, "app").build());
            String carol = cognito.getId(r -> r.identityPoolId(poolId).logins(Map.of(idp.id(), token)))
                    .identityId();
            assertThat(cognito.describeIdentity(r -> r.identityId(carol)).logins()).containsExactly(idp.id());
            assertThat(cognito.listIdentities(r -> r.identityPoolId(poolId).maxResults(10)).identities())
                    .hasSize(2);
            cognito.unlinkIdentity(r -> r.identityId(carol).logins(Map.of(idp.id(), token))
                    .loginsToRemove(idp.id()));
            assertThat(cognito.describeIdentity(r -> r.identityId(carol)).logins()).isEmpty();
            assertThat(cognito.deleteIdentities(r -> r.identityIdsToDelete(guest, carol)).unprocessedIdentityIds())
                    .isEmpty();
            assertThat(cognito.listIdentities(r -> r.identityPoolId(poolId).maxResults(10)).identities()).isEmpty();

            // Developer-authenticated identities.
            String dave = cognito.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.contract", "dave-" + s)).tokenDuration(600L)).identityId();
            String erin = cognito.getOpenIdTokenForDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .logins(Map.of("login.contract", "erin-" + s))).identityId();
            assertThat(erin).isNotEqualTo(dave);
            assertThat(cognito.lookupDeveloperIdentity(r -> r.identityPoolId(poolId)
                    .developerUserIdentifier("dave-" + s)).identityId()).isEqualTo(dave);
            assertThat(cognito.mergeDeveloperIdentities(r -> r.identityPoolId(poolId)
                    .developerProviderName("login.contract").sourceUserIdentifier("erin-" + s)
                    .destinationUserIdentifier("dave-" + s)).identityId()).isEqualTo(dave);
            assertThat(cognito.lookupDeveloperIdentity(r -> r.identityPoolId(poolId).identityId(dave))
                    .developerUserIdentifierList()).containsExactly("dave-" + s, "erin-" + s);
            cognito.unlinkDeveloperIdentity(r -> r.identityId(dave).identityPoolId(poolId)
                    .developerProviderName("login.contract").developerUserIdentifier("erin-" + s));
            assertThat(cognito.lookupDeveloperIdentity(r -> r.identityPoolId(poolId).identityId(dave))
                    .developerUserIdentifierList()).containsExactly("dave-" + s);
            cognito.deleteIdentityPool(r -> r.identityPoolId(poolId));
        }

        List<String> problems = new ArrayList<>();
        Set<String> called = new TreeSet<>();
        for (Map.Entry<String, String> answer : capture.answers) {
            called.add(answer.getKey());
            Operation op = MODEL.operation(answer.getKey()).orElseThrow();
            JsonNode body = JSON.readTree(answer.getValue());
            if (op.output() == null) {
                if (!body.isObject() || body.size() != 0) {
                    problems.add(op.name() + ": expected {} but was " + answer.getValue());
                }
            } else {
                check(op.output(), body, op.name(), problems);
            }
        }
        assertThat(problems).as("answers that differ from the model's output shapes").isEmpty();
        assertThat(called).as("every served operation is called").containsAll(dispatcher.operationNames());
    }

    /** {@code node} fits shape {@code name}: members of the structure only, the JSON type of each shape. */
    private static void check(String name, JsonNode node, String path, List<String> problems) {
        Shape shape = MODEL.shape(name);
        switch (shape.type()) {
            case "structure" -> {
                if (!node.isObject()) {
                    problems.add(path + ": not an object");
                    return;
                }
                Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    String target = shape.members().get(f.getKey());
                    if (target == null) {
                        problems.add(path + "." + f.getKey() + ": not a member of " + name);
                    } else {
                        check(target, f.getValue(), path + "." + f.getKey(), problems);
                    }
                }
            }
            case "list" -> {
                if (!node.isArray()) {
                    problems.add(path + ": not a list");
                    return;
                }
                int i = 0;
                for (JsonNode item : node) {
                    check(shape.member(), item, path + "[" + i++ + "]", problems);
                }
            }
            case "map" -> {
                if (!node.isObject()) {
                    problems.add(path + ": not a map");
                    return;
                }
                node.properties().forEach(f -> check(shape.value(), f.getValue(), path + "{" + f.getKey() + "}",
                        problems));
            }
            case "string" -> {
                if (!node.isTextual() || !shape.enums().isEmpty() && !shape.enums().contains(node.asText())) {
                    problems.add(path + ": not a string of " + name + ": " + node);
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    problems.add(path + ": not a boolean");
                }
            }
            case "integer", "long" -> {
                if (!node.isIntegralNumber()) {
                    problems.add(path + ": not an integer");
                }
            }
            case "timestamp" -> {
                if (!node.isNumber()) {
                    problems.add(path + ": not an epoch-seconds number");
                }
            }
            default -> problems.add(path + ": unexpected shape type " + shape.type());
        }
    }
}
