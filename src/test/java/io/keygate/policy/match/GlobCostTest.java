package io.keygate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A compiled glob holds memory linear in its pattern whatever characters it holds (no table indexed by character
 * value), and long segments, found block by block, match exactly what a plain reference matcher does.
 */
class GlobCostTest {

    /** Seed of the generated cases; override with {@code -Dglob.seed=...} to replay a failure. */
    private static final long SEED = Long.getLong("glob.seed", 20261202L);

    record Hostile(String name, String pattern) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostilePatterns() {
        return Stream.of(
                new Hostile("middle segments of U+FFFF", "*" + "\uffff*".repeat(1000)),
                new Hostile("middle segments of distinct high characters", distinctHighSegments(400)),
                new Hostile("one 2,000-character segment of distinct characters", "*" + distinctChars(2000) + "*x"),
                new Hostile("a long segment with ? wildcards", "a*" + ("\u4e2d?" + distinctChars(61)).repeat(20) + "*b"),
                new Hostile("many tiny ASCII segments", "*" + "z*".repeat(1000)),
                new Hostile("single character U+FFFF between stars", "*\uffff*"),
                new Hostile("empty", ""),
                new Hostile("NUL and lone surrogates", "*\u0000*\ud800*\udfff*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePatterns")
    void compiledSizeIsLinearInThePatternWhateverItsCharacters(Hostile hostile) {
        Glob glob = Glob.compile(hostile.pattern());
        long bound = Glob.FIXED_BYTES + (long) Glob.MAX_BYTES_PER_CHAR * hostile.pattern().length();
        assertThat(glob.footprint()).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePatterns")
    void hostilePatternsStillMatchWhatTheySay(Hostile hostile) {
        Glob glob = Glob.compile(hostile.pattern());
        String text = sample(hostile.pattern());
        assertThat(glob.matches(text)).isEqualTo(reference(hostile.pattern(), text)).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> longAndShortSegmentsMatchLikeTheReference() {
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String pattern = randomPattern(random);
            String text = random.nextBoolean() ? mutate(sample(pattern), random) : randomText(random, 400);
            boolean expected = reference(pattern, text);
            tests.add(DynamicTest.dynamicTest("seed " + SEED + " case " + i + " expects " + expected,
                    () -> assertThat(Glob.compile(pattern).matches(text)).as("%s ~ %s", pattern, text)
                            .isEqualTo(expected)));
        }
        return tests.stream();
    }

    /** Segments of 1–3 characters from a small alphabet, some over 64 and 128 characters, stars and ?s. */
    private static String randomPattern(Random random) {
        StringBuilder p = new StringBuilder();
        int segments = 1 + random.nextInt(5);
        for (int s = 0; s < segments; s++) {
            if (s > 0 || random.nextBoolean()) {
                p.append('*');
            }
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(140) : random.nextInt(6);
            for (int i = 0; i < length; i++) {
                p.append(random.nextInt(8) == 0 ? '?' : "ab\uffff".charAt(random.nextInt(3)));
            }
        }
        if (random.nextBoolean()) {
            p.append('*');
        }
        return p.toString();
    }

    private static String randomText(Random random, int max) {
        StringBuilder t = new StringBuilder();
        int n = random.nextInt(max);
        for (int i = 0; i < n; i++) {
            t.append("ab\uffff".charAt(random.nextInt(3)));
        }
        return t.toString();
    }

    /** A text the pattern matches: stars become short runs, ?s a letter. */
    private static String sample(String pattern) {
        StringBuilder t = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            t.append(c == '*' ? "ab" : c == '?' ? "b" : String.valueOf(c));
        }
        return t.toString();
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return "a";
        }
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = "ab\uffff".charAt(random.nextInt(3));
        return new String(chars);
    }

    private static String distinctChars(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) (0x4000 + i * 7));
        }
        return s.toString();
    }

    private static String distinctHighSegments(int n) {
        StringBuilder s = new StringBuilder("*");
        for (int i = 0; i < n; i++) {
            s.append((char) (0xF000 + i)).append((char) (0xFFFF - i)).append('*');
        }
        return s.toString();
    }

    /** Dynamic programming over (pattern, text) prefixes: obviously right, quadratic, for tests only. */
    static boolean reference(String p, String t) {
        boolean[] row = new boolean[t.length() + 1];
        row[0] = true;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean[] next = new boolean[t.length() + 1];
            next[0] = row[0] && c == '*';
            for (int j = 1; j <= t.length(); j++) {
                next[j] = c == '*' ? next[j - 1] || row[j] : row[j - 1] && (c == '?' || c == t.charAt(j - 1));
            }
            row = next;
        }
        return row[t.length()];
    }
}
