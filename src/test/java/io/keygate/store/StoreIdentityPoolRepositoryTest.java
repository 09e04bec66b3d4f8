package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.infinispan.commons.TimeoutException;
import org.infinispan.partitionhandling.AvailabilityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;
import io.keygate.pool.IdentityPool;
import io.keygate.pool.PoolIdentity;

/**
 * A guest identity and its pool index entry, written together so that one disk sync covers both (and the writes of
 * every other GetId in flight): each is on disk, and listed under its pool, once {@code createIdentity} returns,
 * however many writers arrive together.
 */
class StoreIdentityPoolRepositoryTest {

    private static final String POOL = "us-east-1:5a7c0de0-0000-4000-8000-000000000001";
    private static final int WRITERS = 16;
    private static final int EACH = 10;

    @Test
    void createIdentityWhenManyGuestsArriveTogetherThenEachIsOnDiskAndListedWhenTheCallReturns(
            @TempDir Path dir, @TempDir Path crashed) throws Exception {
        Set<String> created = new TreeSet<>();
        InfinispanStore store = InfinispanStore.embedded(dir);
        try {
            StoreIdentityPoolRepository pools = new StoreIdentityPoolRepository(store);
            pools.create(new IdentityPool("111122223333", POOL, "guests", true, false, Map.of(), null, List.of(),
                    Map.of(), Map.of(), Map.of(), Instant.EPOCH, Map.of()));
            created.addAll(createTogether(pools));
            assertThat(created).hasSize(WRITERS * EACH);
            // what a process killed now would leave: the files as they are, the store neither closed nor flushed
            copyDataFiles(dir, crashed);
        } finally {
            store.close();
        }
        InfinispanStore reopened = InfinispanStore.embedded(crashed);
        try {
            StoreIdentityPoolRepository pools = new StoreIdentityPoolRepository(reopened);
            assertThat(pools.identities(POOL)).extracting(PoolIdentity::identityId)
                    .containsExactlyElementsOf(created);
            for (String id : created) {
                assertThat(pools.identity(id)).as(id).get().extracting(PoolIdentity::poolId).isEqualTo(POOL);
            }
        } finally {
            reopened.close();
        }
    }

    @Test
    void createIdentityAsyncWhenItsStageCompletesThenTheIdentitySurvivesACrash(@TempDir Path dir,
                                                                               @TempDir Path crashed) {
        List<String> created = new ArrayList<>();
        InfinispanStore store = InfinispanStore.embedded(dir);
        try {
            StoreIdentityPoolRepository pools = new StoreIdentityPoolRepository(store);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String id = String.format("us-east-1:a5a5a5a5-0000-4000-8000-%012x", i);
                created.add(id);
                writes.add(pools.createIdentityAsync(guest(id)));
            }
            // the answer goes out when its stage completes: what is on disk then is what a kill leaves
            writes.forEach(CompletableFuture::join);
            copyDataFiles(dir, crashed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            store.close();
        }
        InfinispanStore reopened = InfinispanStore.embedded(crashed);
        try {
            StoreIdentityPoolRepository pools = new StoreIdentityPoolRepository(reopened);
            assertThat(pools.identities(POOL)).extracting(PoolIdentity::identityId).containsExactlyElementsOf(created);
            assertThat(pools.identity(created.get(0))).contains(guest(created.get(0)));
        } finally {
            reopened.close();
        }
    }

    @Test
    void allOfWhenAWriteIsRefusedOnTheMinorityThenTheStageFailsWithServiceUnavailable() {
        CompletableFuture<Void> refused = StoreUnavailable.allOf(CompletableFuture.completedFuture(true),
                CompletableFuture.failedFuture(new AvailabilityException("minority side of a split")));
        assertThatThrownBy(refused::join).cause()
                .isInstanceOfSatisfying(ServiceFailureException.class, e -> {
                    assertThat(e.code()).isEqualTo(AwsErrorCode.ServiceUnavailable);
                    assertThat(e.getMessage()).isEqualTo(StoreUnavailable.MINORITY);
                });
        assertThatThrownBy(StoreUnavailable.allOf(CompletableFuture.failedFuture(new TimeoutException("failing")))
                ::join).cause().hasMessage(StoreUnavailable.TIMEOUT);
        assertThat(StoreUnavailable.allOf(CompletableFuture.completedFuture(true)).join()).isNull();
    }

    @Test
    void createIdentityWhenTheIdentityIsReadBackThenItIsTheRecordWritten(@TempDir Path dir) {
        InfinispanStore store = InfinispanStore.embedded(dir);
        try {
            StoreIdentityPoolRepository pools = new StoreIdentityPoolRepository(store);
            PoolIdentity guest = guest("us-east-1:7e57-0001");
            pools.createIdentity(guest);
            assertThat(pools.identity(guest.identityId())).contains(guest);
            assertThat(pools.identities(POOL)).containsExactly(guest);
        } finally {
            store.close();
        }
    }

    @Test
    void awaitAllWhenAWriteIsRefusedOnTheMinorityThenServiceUnavailable() {
        CompletableFuture<Boolean> refused = CompletableFuture.failedFuture(
                new AvailabilityException("minority side of a split"));
        assertThatThrownBy(() -> StoreUnavailable.awaitAll(CompletableFuture.completedFuture(true), refused))
                .isInstanceOfSatisfying(ServiceFailureException.class, e -> {
                    assertThat(e.code()).isEqualTo(AwsErrorCode.ServiceUnavailable);
                    assertThat(e.getMessage()).isEqualTo(StoreUnavailable.MINORITY);
                });
        assertThatThrownBy(() -> StoreUnavailable.awaitAll(CompletableFuture.failedFuture(
                new TimeoutException("member failing"))))
                .isInstanceOfSatisfying(ServiceFailureException.class,
                        e -> assertThat(e.getMessage()).isEqualTo(StoreUnavailable.TIMEOUT));
        assertThatThrownBy(() -> StoreUnavailable.awaitAll(CompletableFuture.failedFuture(
                new IllegalStateException("broken"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    private static List<String> createTogether(StoreIdentityPoolRepository pools) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(executor.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < EACH; i++) {
                        String id = String.format("us-east-1:%08x-0000-4000-8000-%012x", writer, i);
                        pools.createIdentity(guest(id));
                        ids.add(id);
                    }
                    return ids;
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> writer : writers) {
                ids.addAll(writer.get());
            }
            return ids;
        } finally {
            executor.shutdownNow();
        }
    }

    private static PoolIdentity guest(String id) {
        return new PoolIdentity(id, POOL, "111122223333", Map.of(), List.of(), Instant.EPOCH, Instant.EPOCH);
    }

    /**
     * Copies the store's files as they are on disk now, without the soft-index store's index files (which it writes
     * behind, and rebuilds from the data files when they are missing), as a crash would leave them.
     */
    private static void copyDataFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !from.relativize(f).toString().contains("index"))
                    .forEach(f -> {
                        try {
                            Path target = to.resolve(from.relativize(f).toString());
                            Files.createDirectories(target.getParent());
                            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
