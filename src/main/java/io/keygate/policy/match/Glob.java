package io.keygate.policy.match;

/**
 * A compiled wildcard pattern: {@code *} matches any run of characters (including none), {@code ?} matches exactly
 * one character, every other character matches itself. This is the matching the IAM policy language uses for
 * {@code Action}, {@code Resource} segments and {@code StringLike}.
 *
 * <p>Matching never backtracks: the pattern is split at its stars into fixed-length segments, the first is anchored
 * at the start, the last at the end, and each middle segment is found at its leftmost position with a bit-parallel
 * (shift-and) scan. The text is read once, so a hostile pattern such as {@code *a*a*a*a*b} costs O(n) and not the
 * exponential time a backtracking regex would take (THREATS.md, "ReDoS through wildcard patterns").
 *
 * <p>Instances are immutable and thread-safe. Case folding is the caller's job: actions are lower-cased on both sides
 * before matching.
 */
public final class Glob {

    private final String source;
    private final boolean matchAll;
    private final boolean hasStar;
    private final Segment first;
    private final Segment last;
    private final Segment[] middle;
    private final int minLength;
    /**
     * For the two shapes that make up nearly all actions and ARN parts, the text to compare directly, sparing the
     * walk through segments: the whole pattern when it has no wildcard ({@code exact}), or everything before a
     * single trailing star with no {@code ?} ({@code prefix}, as in {@code s3:get*}). Otherwise {@code null}.
     */
    private final String exact;
    private final String prefix;

    /** {@code wild} flags the wildcard characters; {@code null} means every {@code *} and {@code ?} is one. */
    private Glob(String source, boolean[] wild) {
        this.source = source;
        int n = source.length();
        int stars = 0;
        for (int i = nextStar(source, wild, 0); i >= 0; i = nextStar(source, wild, i + 1)) {
            stars++;
        }
        Segment[] segments = new Segment[stars + 1];
        int count = 0;
        int start = 0;
        for (int i = nextStar(source, wild, 0); i >= 0; i = nextStar(source, wild, i + 1)) {
            segments[count++] = Segment.of(source, wild, start, i);
            start = i + 1;
        }
        segments[count] = Segment.of(source, wild, start, n);
        this.hasStar = stars > 0;
        this.first = segments[0];
        this.last = segments[stars];
        int min = 0;
        int nonEmptyMiddle = 0;
        for (int i = 0; i <= stars; i++) {
            min += segments[i].length();
            nonEmptyMiddle += i > 0 && i < stars && segments[i].length() > 0 ? 1 : 0;
        }
        this.middle = new Segment[nonEmptyMiddle];
        for (int i = 1, m = 0; i < stars; i++) {
            if (segments[i].length() > 0) {
                middle[m++] = segments[i];
                segments[i].buildTable();
            }
        }
        this.minLength = min;
        this.matchAll = hasStar && min == 0;
        this.exact = hasStar ? null : first.literal();
        this.prefix = stars == 1 && last.length() == 0 ? first.literal() : null;
    }

    /** The index of the next wildcard star at or after {@code from}, or -1. */
    private static int nextStar(String s, boolean[] wild, int from) {
        for (int i = s.indexOf('*', from); i >= 0; i = s.indexOf('*', i + 1)) {
            if (wild == null || wild[i]) {
                return i;
            }
        }
        return -1;
    }

    // ARN patterns are full of "*" and "" (empty region/account): sharing them saves parse time and memory.
    private static final Glob STAR = new Glob("*", null);
    private static final Glob NOTHING = new Glob("", null);

    /** Compiles {@code pattern}, treating every {@code *} and {@code ?} as a wildcard. */
    public static Glob compile(String pattern) {
        if (pattern.isEmpty()) {
            return NOTHING;
        }
        return pattern.equals("*") ? STAR : new Glob(pattern, null);
    }

    /**
     * Compiles a pattern in which only the characters flagged in {@code wild} are wildcards; used after policy
     * variables are substituted, so that a {@code *} inside a substituted value stays a literal star.
     */
    public static Glob compile(char[] chars, boolean[] wild) {
        return new Glob(new String(chars), wild);
    }

    /** A pattern that matches exactly {@code literal}. */
    public static Glob literal(String literal) {
        return new Glob(literal, new boolean[literal.length()]);
    }

    /** Whether {@code text} matches the whole pattern. */
    public boolean matches(String text) {
        return matches(text, 0, text.length());
    }

    /**
     * Whether {@code text[start, end)} matches the whole pattern. Lets callers match one part of an ARN in place,
     * without cutting it out as a substring.
     */
    public boolean matches(String text, int start, int end) {
        if (matchAll) {
            return true;
        }
        int n = end - start;
        if (exact != null) {
            return n == exact.length() && text.startsWith(exact, start);
        }
        if (prefix != null) {
            return n >= prefix.length() && text.startsWith(prefix, start);
        }
        if (!hasStar) {
            return n == first.length() && first.matchesAt(text, start);
        }
        if (n < minLength || !first.matchesAt(text, start) || !last.matchesAt(text, end - last.length())) {
            return false;
        }
        int from = start + first.length();
        int to = end - last.length();
        for (Segment s : middle) {
            int found = s.findEnd(text, from, to);
            if (found < 0) {
                return false;
            }
            from = found;
        }
        return true;
    }

    /**
     * Matches without compiling: used for patterns built per request by substituting policy variables, where only
     * the characters flagged in {@code wild} are wildcards. Segments are found greedily, leftmost first, so there is
     * no backtracking; a middle segment is searched naively, O(text × segment) at worst, bounded by the policy
     * size quota.
     */
    public static boolean matches(char[] p, boolean[] wild, int len, String text, int start, int end) {
        int firstStar = -1;
        int lastStar = -1;
        for (int i = 0; i < len; i++) {
            if (wild[i] && p[i] == '*') {
                if (firstStar < 0) {
                    firstStar = i;
                }
                lastStar = i;
            }
        }
        int n = end - start;
        if (firstStar < 0) {
            return n == len && regionMatches(p, wild, 0, len, text, start);
        }
        int suffix = len - lastStar - 1;
        if (n < firstStar + suffix || !regionMatches(p, wild, 0, firstStar, text, start)
                || !regionMatches(p, wild, lastStar + 1, len, text, end - suffix)) {
            return false;
        }
        int from = start + firstStar;
        int to = end - suffix;
        int seg = firstStar + 1;
        while (seg < lastStar) {
            int segEnd = seg;
            while (segEnd < lastStar && !(wild[segEnd] && p[segEnd] == '*')) {
                segEnd++;
            }
            int k = segEnd - seg;
            if (k > 0) {
                int found = -1;
                for (int i = from; i + k <= to; i++) {
                    if (regionMatches(p, wild, seg, segEnd, text, i)) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    return false;
                }
                from = found + k;
            }
            seg = segEnd + 1;
        }
        return true;
    }

    private static boolean regionMatches(char[] p, boolean[] wild, int from, int to, String text, int at) {
        for (int i = from; i < to; i++) {
            if (!wild[i] && text.charAt(at + i - from) != p[i]) {
                return false;
            }
        }
        return true;
    }

    /** The text this pattern matches when it has no wildcard at all, else {@code null}. */
    public String literal() {
        return hasStar ? null : first.literal();
    }

    /** Whether the pattern is a single {@code *} (or only stars). */
    public boolean matchesEverything() {
        return matchAll;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * An estimate, in bytes, of the memory this compiled pattern holds (object headers, strings and tables). It
     * grows linearly with the pattern's length whatever characters it holds: at most {@link #MAX_BYTES_PER_CHAR}
     * bytes per character plus {@link #FIXED_BYTES}.
     */
    public long footprint() {
        long bytes = 64 + 2L * source.length();
        bytes += first.footprint() + (last != first ? last.footprint() : 0);
        for (Segment s : middle) {
            bytes += s.footprint();
        }
        return bytes;
    }

    /** Bytes a compiled glob holds at most per character of its pattern, beyond {@link #FIXED_BYTES}. */
    public static final int MAX_BYTES_PER_CHAR = 64;
    /** Bytes a compiled glob holds whatever its pattern. */
    public static final int FIXED_BYTES = 256;

    /** A fixed-length run of literal characters and {@code ?} wildcards. */
    private static final class Segment {
        /** Shift-and works on one 64-bit word: longer segments are searched as blocks of this many characters. */
        private static final int BLOCK = 64;

        private final String text;
        /** Which characters are {@code ?} wildcards; {@code null} when none is, and text compares as a string. */
        private final boolean[] any;
        /**
         * Shift-and masks, only for middle segments: the distinct literal characters of the segment in ascending
         * order ({@code keys}) and, for each, the positions that accept it ({@code masks}, bit j for position j).
         * Sized by the segment, never by the value of its characters. Segments longer than {@link #BLOCK} have one
         * such table per block ({@code blocks}) instead.
         */
        private char[] keys;
        private long[] masks;
        private long anyMask;
        private Segment[] blocks;

        private Segment(String text, boolean[] any) {
            this.text = text;
            this.any = any;
        }

        static Segment of(String src, boolean[] wild, int from, int to) {
            boolean[] any = null;
            int q = src.indexOf('?', from);
            for (int i = q < 0 ? to : q; i < to; i++) {
                if (src.charAt(i) == '?' && (wild == null || wild[i])) {
                    if (any == null) {
                        any = new boolean[to - from];
                    }
                    any[i - from] = true;
                }
            }
            return new Segment(src.substring(from, to), any);
        }

        int length() {
            return text.length();
        }

        long footprint() {
            long bytes = 64 + 2L * text.length() + (any == null ? 0 : 16 + any.length);
            if (keys != null) {
                bytes += 32 + 2L * keys.length + 8L * masks.length;
            }
            if (blocks != null) {
                bytes += 16 + 4L * blocks.length;
                for (Segment b : blocks) {
                    bytes += b.footprint();
                }
            }
            return bytes;
        }

        /** The segment's text when it has no wildcard. */
        String literal() {
            return any == null ? text : null;
        }

        boolean matchesAt(String s, int at) {
            if (any == null) {
                // The empty tail of "s3:get*", the most common action pattern, needs no comparison at all.
                return text.isEmpty() || s.regionMatches(at, text, 0, text.length());
            }
            for (int i = 0; i < any.length; i++) {
                if (!any[i] && s.charAt(at + i) != text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Builds the shift-and tables: one word per distinct literal character (at most one per position), or, for
         * a segment longer than {@link #BLOCK}, one such table per block of {@link #BLOCK} characters.
         */
        void buildTable() {
            int k = text.length();
            if (k > BLOCK) {
                blocks = new Segment[(k + BLOCK - 1) / BLOCK];
                for (int b = 0; b < blocks.length; b++) {
                    int from = b * BLOCK;
                    int to = Math.min(k, from + BLOCK);
                    boolean[] part = any == null ? null : java.util.Arrays.copyOfRange(any, from, to);
                    blocks[b] = new Segment(text.substring(from, to), part);
                    blocks[b].buildTable();
                }
                return;
            }
            char[] literal = new char[k];
            int n = 0;
            for (int i = 0; i < k; i++) {
                if (any == null || !any[i]) {
                    literal[n++] = text.charAt(i);
                } else {
                    anyMask |= 1L << i;
                }
            }
            java.util.Arrays.sort(literal, 0, n);
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (distinct == 0 || literal[distinct - 1] != literal[i]) {
                    literal[distinct++] = literal[i];
                }
            }
            char[] ks = java.util.Arrays.copyOf(literal, distinct);
            long[] ms = new long[distinct];
            for (int i = 0; i < k; i++) {
                if (any == null || !any[i]) {
                    ms[java.util.Arrays.binarySearch(ks, text.charAt(i))] |= 1L << i;
                }
            }
            keys = ks;
            masks = ms;
        }

        /** The positions of the segment that accept {@code ch}. */
        private long mask(char ch) {
            char[] ks = keys;
            int lo = 0;
            int hi = ks.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                char c = ks[mid];
                if (c < ch) {
                    lo = mid + 1;
                } else if (c > ch) {
                    hi = mid - 1;
                } else {
                    return masks[mid] | anyMask;
                }
            }
            return anyMask;
        }

        /**
         * End index of the leftmost occurrence in s[from, to), or -1. Linear in the scanned length for segments
         * up to {@link #BLOCK} characters; a longer segment of k characters costs one linear scan per block,
         * O(n · ⌈k / 64⌉) for n scanned characters.
         */
        int findEnd(String s, int from, int to) {
            int k = text.length();
            if (to - from < k) {
                return -1;
            }
            if (blocks != null) {
                return findEndByBlocks(s, from, to);
            }
            long accept = 1L << (k - 1);
            long state = 0;
            for (int i = from; i < to; i++) {
                state = ((state << 1) | 1L) & mask(s.charAt(i));
                if ((state & accept) != 0) {
                    return i + 1;
                }
            }
            return -1;
        }

        /**
         * A long segment occurs at start p when each block b occurs at p + 64b. Each block is scanned once over
         * the window where it can occur, marking the starts it allows in a bit set; the leftmost start that every
         * block allows wins.
         */
        private int findEndByBlocks(String s, int from, int to) {
            int k = text.length();
            int starts = to - from - k + 1;
            long[] allowed = new long[(starts + 63) >>> 6];
            java.util.Arrays.fill(allowed, -1L);
            long[] hits = new long[allowed.length];
            for (int b = 0; b < blocks.length; b++) {
                Segment block = blocks[b];
                int offset = b * BLOCK;
                int kb = block.length();
                long accept = 1L << (kb - 1);
                long state = 0;
                java.util.Arrays.fill(hits, 0L);
                int scanFrom = from + offset;
                int scanTo = from + offset + starts - 1 + kb;
                for (int i = scanFrom; i < scanTo; i++) {
                    state = ((state << 1) | 1L) & block.mask(s.charAt(i));
                    if ((state & accept) != 0) {
                        int p = i + 1 - kb - offset - from;
                        if (p >= 0) {
                            hits[p >>> 6] |= 1L << p;
                        }
                    }
                }
                boolean any = false;
                for (int w = 0; w < allowed.length; w++) {
                    allowed[w] &= hits[w];
                    any |= allowed[w] != 0;
                }
                if (!any) {
                    return -1;
                }
            }
            for (int w = 0; w < allowed.length; w++) {
                if (allowed[w] != 0) {
                    int p = (w << 6) + Long.numberOfTrailingZeros(allowed[w]);
                    return p < starts ? from + p + k : -1;
                }
            }
            return -1;
        }
    }
}
