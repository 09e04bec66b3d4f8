package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * 200 concurrent writers create and delete users, add them to shared groups, attach policies and create access
 * keys for a bounded time; afterwards the store must be consistent: no member of a group that is gone, no key
 * without its user, at most two keys per user, no lost group membership and no unexpected error.
 */
@QuarkusTest
class ConcurrencySdkTest {

    private static final int WRITERS = 200;
    private static final Duration RUN = Duration.ofSeconds(12);

    @Test
    void concurrentWritersLeaveAConsistentStore() throws Exception {
        String tag = unique("cc");
        String prefix = "/" + tag + "/";
        List<String> groups = List.of(tag + "-g1", tag + "-g2");
        try (IamClient admin = iam(root())) {
            groups.forEach(g -> admin.createGroup(b -> b.groupName(g).path(prefix)));
        }
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger operations = new AtomicInteger();
        Instant end = Instant.now().plus(RUN);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> futures = new ArrayList<>();
        try (IamClient iam = iam(root())) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    int i = 0;
                    while (Instant.now().isBefore(end)) {
                        String user = tag + "-u" + (writer % 50) + "-" + (i++ % 3);
                        String group = groups.get(writer % 2);
                        try {
                            switch (i % 5) {
                                case 0 -> iam.createUser(b -> b.userName(user).path(prefix));
                                case 1 -> iam.addUserToGroup(b -> b.groupName(group).userName(user));
                                case 2 -> iam.createAccessKey(b -> b.userName(user));
                                case 3 -> iam.attachUserPolicy(b -> b.userName(user)
                                        .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
                                default -> cleanUp(iam, user, group);
                            }
                        } catch (IamException e) {
                            String code = e.awsErrorDetails().errorCode();
                            if (!List.of("EntityAlreadyExists", "NoSuchEntity", "DeleteConflict", "LimitExceeded")
                                    .contains(code)) {
                                unexpected.add(code + ": " + e.awsErrorDetails().errorMessage());
                            }
                        } catch (RuntimeException e) {
                            unexpected.add(e.toString());
                        }
                        operations.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        assertThat(operations.get()).isGreaterThan(WRITERS);

        try (IamClient admin = iam(root())) {
            var users = admin.listUsersPaginator(b -> b.pathPrefix(prefix)).users().stream().toList();
            for (var u : users) {
                var keys = admin.listAccessKeys(b -> b.userName(u.userName())).accessKeyMetadata();
                assertThat(keys.size()).isLessThanOrEqualTo(2);
                for (var g : admin.listGroupsForUser(b -> b.userName(u.userName())).groups()) {
                    assertThat(admin.getGroup(b -> b.groupName(g.groupName())).users())
                            .extracting(m -> m.userName()).contains(u.userName());
                }
            }
            for (String g : groups) {
                for (var member : admin.getGroup(b -> b.groupName(g)).users()) {
                    assertThat(users).extracting(u -> u.userName()).contains(member.userName());
                }
            }
            // Everything can be cleaned up: no half entity blocks a delete.
            for (var u : users) {
                cleanUp(admin, u.userName(), groups.get(0));
                cleanUp(admin, u.userName(), groups.get(1));
            }
            assertThat(admin.listUsers(b -> b.pathPrefix(prefix)).users()).isEmpty();
            groups.forEach(g -> admin.deleteGroup(b -> b.groupName(g)));
        }
    }

    /** Removes what a user holds and deletes it; tolerant of concurrent changes. */
    private static void cleanUp(IamClient iam, String user, String group) {
        try {
            iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata()
                    .forEach(k -> quietly(() -> iam.deleteAccessKey(b -> b.userName(user).accessKeyId(k.accessKeyId()))));
            iam.listGroupsForUser(b -> b.userName(user)).groups()
                    .forEach(g -> quietly(() -> iam.removeUserFromGroup(b -> b.groupName(g.groupName()).userName(user))));
            iam.listAttachedUserPolicies(b -> b.userName(user)).attachedPolicies()
                    .forEach(p -> quietly(() -> iam.detachUserPolicy(b -> b.userName(user).policyArn(p.policyArn()))));
            iam.deleteUser(b -> b.userName(user));
        } catch (IamException e) {
            String code = e.awsErrorDetails().errorCode();
            if (!List.of("NoSuchEntity", "DeleteConflict").contains(code)) {
                throw e;
            }
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (IamException e) {
            if (!List.of("NoSuchEntity").contains(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}
