package io.keygate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

/**
 * Property tests as plain JUnit 5: a JUnit test-factory method returns {@link #cases} of seeded random inputs, each a
 * dynamic test named after its seed and index, so a failure names the input that broke and can be replayed.
 * <p>
 * The seed is fixed ({@link #DEFAULT_SEED}) so that CI is repeatable; {@code -Dkeygate.test.seed=<long>} runs other
 * inputs and {@code -Dkeygate.test.seed=random} draws a fresh seed (printed in every case's name). Case {@code i} of
 * seed {@code s} is the same input whatever the number of cases, so {@code -Dkeygate.test.seed=s} replays it.
 */
public final class Seeded {

    public static final long DEFAULT_SEED = 20261202L;
    public static final String SEED_PROPERTY = "keygate.test.seed";
    private static final long SEED = readSeed();

    private Seeded() {
    }

    /** The seed of this run: {@value #SEED_PROPERTY} when given, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        return SEED;
    }

    private static long readSeed() {
        String value = System.getProperty(SEED_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT_SEED;
        }
        if (value.equals("random")) {
            return new SplittableRandom().nextLong();
        }
        return Long.parseLong(value);
    }

    /**
     * {@code count} dynamic tests named {@code "<name> seed=<s> case=<i>: <input>"}, each checking one input drawn
     * from a generator seeded by the run's seed, the property's name and the case index.
     */
    public static <T> Stream<DynamicTest> cases(String name, int count, Function<Gen, T> generator,
                                                Consumer<T> check) {
        return IntStream.range(0, count).mapToObj(i -> {
            T input = generator.apply(new Gen(new SplittableRandom(mix(SEED, name, i))));
            return DynamicTest.dynamicTest(name + " seed=" + SEED + " case=" + i + ": " + Gen.shorten(input),
                    () -> check.accept(input));
        });
    }

    /** Explicit rows (edge cases), each a dynamic test named after its label. */
    public static <T> Stream<DynamicTest> rows(String name, List<Row<T>> rows, Consumer<T> check) {
        return rows.stream().map(r -> DynamicTest.dynamicTest(name + " [" + r.label() + "]",
                () -> check.accept(r.value().get())));
    }

    /** One named edge case; its value is built when it runs (a 10 MB string is never held by the test plan). */
    public record Row<T>(String label, Supplier<T> value) {

        public static <T> Row<T> of(String label, T value) {
            return new Row<>(label, () -> value);
        }
    }

    private static long mix(long seed, String name, int index) {
        long h = seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L);
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + index;
        return (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
    }

    /** A seeded source of values, biased towards edges (empty, one, maximum length; NUL; lone surrogates). */
    public static final class Gen {

        /** Characters that break naive parsers and encoders. */
        public static final char[] EDGE_CHARS = {'\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFF',
            '\uFFFE', '\u00FF', '\u0100', '\u007F', '\u0080', '\n', '\r', '\t', ' ', '%', '+', '&', '=', '"', '\\',
            '.', '/', '{', '}', '[', ']', ':', ','};

        private final SplittableRandom random;

        public Gen(SplittableRandom random) {
            this.random = random;
        }

        public int between(int min, int maxInclusive) {
            return random.nextInt(min, maxInclusive + 1);
        }

        public boolean bool() {
            return random.nextBoolean();
        }

        public long nextLong() {
            return random.nextLong();
        }

        /** Any int, with the edges (0, ±1, MIN, MAX) more often than chance. */
        public int anyInt() {
            return switch (random.nextInt(8)) {
                case 0 -> new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}[random.nextInt(5)];
                default -> random.nextInt();
            };
        }

        @SafeVarargs
        public final <T> T oneOf(T... values) {
            return values[random.nextInt(values.length)];
        }

        /** A length in [min, max], with min and max themselves more often than chance. */
        public int length(int min, int max) {
            return switch (random.nextInt(10)) {
                case 0 -> min;
                case 1 -> max;
                case 2, 3, 4 -> between(min, Math.min(max, min + 8));
                default -> between(min, max);
            };
        }

        /** Any UTF-16 code unit: ASCII, Latin-1, the rest of the BMP, surrogates alone, edge characters. */
        public char anyChar() {
            return switch (random.nextInt(6)) {
                case 0 -> (char) between(0x20, 0x7E);
                case 1 -> (char) between(0, 0xFF);
                case 2 -> EDGE_CHARS[random.nextInt(EDGE_CHARS.length)];
                case 3 -> (char) between(0xD800, 0xDFFF);
                default -> (char) random.nextInt(0x10000);
            };
        }

        /** A string of any code units (including NUL and lone surrogates) of length in [0, max]. */
        public String anyString(int max) {
            return string(0, max, this::anyChar);
        }

        /** A string of characters drawn from {@code alphabet}, length in [min, max]. */
        public String string(String alphabet, int min, int max) {
            return string(min, max, () -> alphabet.charAt(random.nextInt(alphabet.length())));
        }

        public String string(int min, int max, Supplier<Character> chars) {
            int n = length(min, max);
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append(chars.get().charValue());
            }
            return b.toString();
        }

        public byte[] bytes(int max) {
            byte[] b = new byte[length(0, max)];
            random.nextBytes(b);
            return b;
        }

        public <T> List<T> list(int min, int max, Supplier<T> element) {
            int n = length(min, max);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.get());
            }
            return out;
        }

        static String shorten(Object input) {
            String s = String.valueOf(input);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length() && b.length() < 80; i++) {
                char c = s.charAt(i);
                b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
            return s.length() > 80 ? b + "…(" + s.length() + " chars)" : b.toString();
        }
    }
}
