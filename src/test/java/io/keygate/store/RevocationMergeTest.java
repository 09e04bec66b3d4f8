package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.revocation.Revocation;

/**
 * Revocations of one role merge atomically: whatever the interleaving of concurrent writers, the stored
 * {@code IssuedBefore} is the latest any of them proposed (a read-then-put would let an earlier one overwrite it).
 */
class RevocationMergeTest {

    @TempDir
    static Path dir;
    static InfinispanStore store;
    static StoreRevocationRepository revocations;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void open() {
        store = InfinispanStore.embedded(dir);
        revocations = new StoreRevocationRepository(store, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Revocation role(String arn, Instant issuedBefore) {
        return new Revocation("role:" + arn, Revocation.Kind.RoleArn, "111122223333", null, null, arn, issuedBefore,
                null, null, NOW, issuedBefore.plus(Revocation.LONGEST_ROLE_SESSION), "arn:aws:iam::111122223333:root");
    }

    private static Revocation later(Revocation stored, Revocation proposed) {
        return proposed.issuedBefore().isAfter(stored.issuedBefore()) ? proposed : stored;
    }

    @Test
    void whenAnEarlierRevocationComesSecondThenTheLaterIssuedBeforeStays() {
        String arn = "arn:aws:iam::111122223333:role/sequential";
        revocations.merge(role(arn, NOW.plusSeconds(1)), RevocationMergeTest::later);
        Revocation stored = revocations.merge(role(arn, NOW.minusSeconds(600)), RevocationMergeTest::later);
        assertThat(stored.issuedBefore()).isEqualTo(NOW.plusSeconds(1));
        assertThat(revocations.find("role:" + arn).orElseThrow().issuedBefore()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void whenEightWritersMergeAtOnceThenTheLatestIssuedBeforeWins() throws Exception {
        Random random = new Random(0x5eed_8L);
        for (int round = 0; round < 20; round++) {
            String arn = "arn:aws:iam::111122223333:role/race" + round;
            List<Instant> proposals = new ArrayList<>();
            for (int i = 0; i < 8 * 25; i++) {
                proposals.add(NOW.minusSeconds(random.nextInt(3600)));
            }
            Instant latest = proposals.stream().max(Instant::compareTo).orElseThrow();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<Instant> mine = proposals.subList(t * 25, (t + 1) * 25);
                done.add(pool.submit(() -> {
                    start.await();
                    for (Instant at : mine) {
                        revocations.merge(role(arn, at), RevocationMergeTest::later);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(revocations.find("role:" + arn).orElseThrow().issuedBefore())
                    .as("round %d", round).isEqualTo(latest);
        }
    }

    @Test
    void whenMergedThenTheEntryLivesUntilItsExpiry() {
        String arn = "arn:aws:iam::111122223333:role/lifespan";
        Revocation stored = revocations.merge(role(arn, NOW), RevocationMergeTest::later);
        assertThat(Duration.between(stored.issuedBefore(), stored.expiresAt())).isEqualTo(Duration.ofHours(12));
        assertThat(revocations.contains("role:" + arn)).isTrue();
        assertThat(revocations.list("111122223333")).extracting(Revocation::roleArn).contains(arn);
    }
}
