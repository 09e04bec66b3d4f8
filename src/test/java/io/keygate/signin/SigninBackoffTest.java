package io.keygate.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.keygate.expiry.ExpiringEntries;

/** The sign-in backoff's counting, per user and per source address, without a server. */
class SigninBackoffTest {

    /** {@link ExpiringEntries} in a map without expiry, with atomic counters: enough for one test. */
    static final class MapEntries implements ExpiringEntries {
        final Map<String, String> map = new ConcurrentHashMap<>();

        @Override
        public boolean putIfAbsent(String key, String value, Duration lifespan) {
            return map.putIfAbsent(key, value) == null;
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Optional<String> take(String key) {
            return Optional.ofNullable(map.remove(key));
        }

        @Override
        public long increment(String key, long delta, Duration lifespan) {
            return Long.parseLong(map.merge(key, Long.toString(delta),
                    (a, b) -> Long.toString(Long.parseLong(a) + Long.parseLong(b))));
        }

        @Override
        public boolean remove(String key) {
            return map.remove(key) != null;
        }
    }

    private final MapEntries entries = new MapEntries();
    private final SigninBackoff backoff = new SigninBackoff(entries, new SigninBackoff.Limits(3, 5,
            Duration.ofMinutes(15)));

    @Test
    void whenAUserFailsMoreThanTheLimitThenItsAttemptsAreRefusedButOthersGoOn() {
        var alice = SigninBackoff.attempt("111122223333", "alice", "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThat(backoff.take(alice)).as("attempt %d", i + 1).isTrue();
        }
        assertThat(backoff.take(alice)).isFalse();
        assertThat(backoff.take(SigninBackoff.attempt("111122223333", "ALICE", "10.0.0.9")))
                .as("user names compare case-insensitively").isFalse();
        assertThat(backoff.take(SigninBackoff.attempt("111122223333", "bob", "10.0.0.1"))).isTrue();
    }

    @Test
    void whenOneAddressFailsForManyUsersThenThatAddressIsRefusedForEveryUser() {
        for (int i = 0; i < 5; i++) {
            assertThat(backoff.take(SigninBackoff.attempt("111122223333", "user" + i, "10.0.0.2"))).isTrue();
        }
        assertThat(backoff.take(SigninBackoff.attempt("111122223333", "fresh", "10.0.0.2"))).isFalse();
        assertThat(backoff.take(SigninBackoff.attempt("111122223333", "fresh2", "10.0.0.3"))).isTrue();
    }

    @Test
    void whenASignInSucceedsThenItsAttemptIsGivenBack() {
        var carol = SigninBackoff.attempt("111122223333", "carol", "10.0.0.4");
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.take(carol)).isTrue();
            backoff.giveBack(carol);
        }
        assertThat(entries.get(carol.userKey())).contains("0");
        assertThat(entries.get(carol.sourceKey())).contains("0");
    }

    @Test
    void whenManyGuessesArriveInParallelThenAtMostTheLimitIsLetThrough() throws Exception {
        var dave = SigninBackoff.attempt("111122223333", "dave", null);
        int guesses = 40;
        CyclicBarrier start = new CyclicBarrier(guesses);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Future<Boolean>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return backoff.take(dave);
                }));
            }
            int through = 0;
            for (Future<Boolean> a : answers) {
                through += a.get() ? 1 : 0;
            }
            assertThat(through).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }
}
