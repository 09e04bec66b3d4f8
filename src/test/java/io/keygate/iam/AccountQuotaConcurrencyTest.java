package io.keygate.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * Account-wide quotas hold exactly under parallel creates: with a quota of 5, 48 concurrent creates of users,
 * roles, groups, managed policies and instance profiles leave exactly 5 of each, and every other create answers
 * LimitExceeded (never an overshoot, never another error).
 */
@QuarkusTest
@TestProfile(AccountQuotaConcurrencyTest.SmallQuotas.class)
class AccountQuotaConcurrencyTest {

    private static final int QUOTA = 5;
    private static final int CREATES = 48;
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keygate.iam.quotas.users", "5", "keygate.iam.quotas.roles", "5",
                    "keygate.iam.quotas.groups", "5", "keygate.iam.quotas.policies", "5",
                    "keygate.iam.quotas.instance-profiles", "5");
        }
    }

    private AwsBasicCredentials root;

    @BeforeEach
    void freshAccount() throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        root = AwsBasicCredentials.create(created.get("AccessKeyId").asText(), created.get("SecretAccessKey").asText());
    }

    @Test
    void parallelCreatesNeverOvershootTheAccountQuotas() throws Exception {
        try (IamClient iam = TestClients.iam(root)) {
            race("users", (i, c) -> c.createUser(b -> b.userName("u" + i)),
                    () -> iam.listUsers().users().size());
            race("roles", (i, c) -> c.createRole(b -> b.roleName("r" + i).assumeRolePolicyDocument(TRUST)),
                    () -> iam.listRoles().roles().size());
            race("groups", (i, c) -> c.createGroup(b -> b.groupName("g" + i)),
                    () -> iam.listGroups().groups().size());
            race("policies", (i, c) -> c.createPolicy(b -> b.policyName("p" + i).policyDocument(POLICY)),
                    () -> iam.listPolicies(b -> b.scope("Local")).policies().size());
            race("instance profiles", (i, c) -> c.createInstanceProfile(b -> b.instanceProfileName("ip" + i)),
                    () -> iam.listInstanceProfiles().instanceProfiles().size());
        }
    }

    private void race(String kind, BiConsumer<Integer, IamClient> create, java.util.function.IntSupplier count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CREATES);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try (IamClient iam = TestClients.iam(root)) {
            for (int i = 0; i < CREATES; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        start.await();
                        create.accept(n, iam);
                        created.incrementAndGet();
                    } catch (IamException e) {
                        if ("LimitExceeded".equals(e.awsErrorDetails().errorCode())) {
                            refused.incrementAndGet();
                        } else {
                            unexpected.add(e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
                        }
                    } catch (Exception e) {
                        unexpected.add(e.toString());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).as(kind).isEmpty();
        assertThat(created.get()).as(kind + " created").isEqualTo(QUOTA);
        assertThat(refused.get()).as(kind + " refused with LimitExceeded").isEqualTo(CREATES - QUOTA);
        assertThat(count.getAsInt()).as(kind + " stored").isEqualTo(QUOTA);
    }
}
