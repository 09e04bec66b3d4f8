package io.keygate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.expiry.ExpiringEntries;

class InfinispanExpiringEntriesTest {

    @TempDir
    static Path dir;
    static InfinispanStore store;
    static InfinispanExpiringEntries entries;

    @BeforeAll
    static void open() {
        store = InfinispanStore.embedded(dir);
        entries = store.expiringEntries();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void whenKeyIsUsedTwiceThenOnlyTheFirstPutIfAbsentWins() {
        assertThat(entries.putIfAbsent("t/first", "a", Duration.ofMinutes(1))).isTrue();
        assertThat(entries.putIfAbsent("t/first", "b", Duration.ofMinutes(1))).isFalse();
        assertThat(entries.get("t/first")).contains("a");
    }

    @Test
    void whenLifespanPassesThenTheEntryIsGone() throws InterruptedException {
        entries.putIfAbsent("t/short", "a", Duration.ofMillis(50));
        Thread.sleep(120);
        assertThat(entries.get("t/short")).isEmpty();
        assertThat(entries.putIfAbsent("t/short", "b", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void whenManyThreadsTakeOneTokenThenExactlyOneGetsIt() throws Exception {
        entries.putIfAbsent("t/token", "secret", Duration.ofMinutes(1));
        List<Result> results = race(() -> entries.take("t/token").orElse(null));
        assertThat(results.stream().filter(r -> r.value != null).count()).isEqualTo(1);
        assertThat(entries.get("t/token")).isEmpty();
    }

    @Test
    void whenFiftyThreadsIncrementThenTheCounterCountsEveryOne() throws Exception {
        List<Result> results = race(() -> String.valueOf(entries.increment("t/counter", 1, Duration.ofMinutes(1))));
        assertThat(results).extracting(r -> Long.parseLong(r.value)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(entries.increment("t/counter", 0, Duration.ofMinutes(1))).isEqualTo(50);
    }

    @Test
    void whenTheCounterWindowExpiresThenCountingRestartsAtZero() throws InterruptedException {
        entries.increment("t/window", 3, Duration.ofMillis(50));
        Thread.sleep(120);
        assertThat(entries.increment("t/window", 1, Duration.ofMinutes(1))).isEqualTo(1);
    }

    private record Result(String value) {
    }

    private static List<Result> race(Callable<String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(call));
            }
            List<Result> out = new ArrayList<>();
            for (Future<String> f : futures) {
                out.add(new Result(f.get()));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenAReplayIdIsRecordedThenItIsAcceptedOnceKeptApartAndStillKnownAfterAReopen(@TempDir Path own) {
        InfinispanStore first = InfinispanStore.embedded(own);
        ExpiringEntries replays = first.replayEntries();
        assertThat(replays.putIfAbsent("saml-replay/a", "1", Duration.ofMinutes(5))).isTrue();
        assertThat(replays.putIfAbsent("saml-replay/a", "1", Duration.ofMinutes(5))).isFalse();
        assertThat(replays.get("saml-replay/a")).contains("1");
        assertThat(first.expiringEntries().get("saml-replay/a")).isEmpty();
        first.close();

        InfinispanStore reopened = InfinispanStore.embedded(own);
        try {
            assertThat(reopened.replayEntries().get("saml-replay/a")).contains("1");
            assertThat(reopened.replayEntries().putIfAbsent("saml-replay/a", "1", Duration.ofMinutes(5))).isFalse();
            assertThat(reopened.replayEntries().putIfAbsent("saml-replay/b", "1", Duration.ofMinutes(5))).isTrue();
        } finally {
            reopened.close();
        }
    }

    @Test
    void whenAReplayIdWasRecordedByAnEarlierVersionThenItStillCountsAsUsedAfterTheUpgrade(@TempDir Path own) {
        InfinispanStore earlier = InfinispanStore.embedded(own);
        // versions before the replay cache recorded ids among the other expiring entries
        assertThat(earlier.expiringEntries().putIfAbsent("saml-replay/old", "1", Duration.ofMinutes(5))).isTrue();
        earlier.close();

        InfinispanStore upgraded = InfinispanStore.embedded(own);
        try {
            assertThat(upgraded.replayEntries().get("saml-replay/old")).contains("1");
            assertThat(upgraded.replayEntries().putIfAbsent("saml-replay/old", "1", Duration.ofMinutes(5))).isFalse();
            assertThat(upgraded.replayEntries().putIfAbsent("saml-replay/new", "1", Duration.ofMinutes(5))).isTrue();
            assertThat(upgraded.expiringEntries().get("saml-replay/new")).isEmpty();
        } finally {
            upgraded.close();
        }
    }

    @Test
    void whenAnEntryIsMemoryOnlyThenItIsTakenOnceAndNotWrittenToDisk(@TempDir Path own) {
        InfinispanStore first = InfinispanStore.embedded(own);
        InfinispanExpiringEntries memory = first.memoryOnlyEntries();
        assertThat(memory.putIfAbsent("signin/a", "grant", Duration.ofMinutes(15))).isTrue();
        assertThat(memory.putIfAbsent("signin/a", "other", Duration.ofMinutes(15))).isFalse();
        first.expiringEntries().putIfAbsent("mfa-used/b", "1", Duration.ofMinutes(15));
        first.close();

        InfinispanStore reopened = InfinispanStore.embedded(own);
        try {
            assertThat(reopened.memoryOnlyEntries().take("signin/a")).isEmpty();
            assertThat(reopened.expiringEntries().get("mfa-used/b")).contains("1");
            InfinispanExpiringEntries memory2 = reopened.memoryOnlyEntries();
            memory2.putIfAbsent("signin/c", "grant", Duration.ofMinutes(15));
            assertThat(memory2.take("signin/c")).contains("grant");
            assertThat(memory2.take("signin/c")).isEmpty();
        } finally {
            reopened.close();
        }
    }
}
