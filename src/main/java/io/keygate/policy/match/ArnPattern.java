package io.keygate.policy.match;

/**
 * A resource pattern matched segment by segment, as IAM matches {@code Resource}, {@code NotResource} and the
 * {@code Arn*} condition operators: the six colon-separated parts of {@code arn:partition:service:region:account:
 * resource} are matched separately and a wildcard never spans a colon between them (the last part, the resource,
 * may itself contain colons and slashes). A pattern of {@code *} matches any resource. A pattern with fewer than six
 * parts lets its last part match the remainder of the ARN. Immutable and thread-safe.
 */
public final class ArnPattern {

    /** Number of parts in an ARN. */
    public static final int PARTS = 6;

    private final String raw;
    private final boolean any;
    private final Template[] templates; // null entries where the part has no variables
    private final Glob[] globs; // null entries where the part has variables
    /**
     * The leading parts that are plain text, each followed by its colon ({@code arn:aws:s3:::} for
     * {@code arn:aws:s3:::b/*}), and how many parts that is. Such parts match exactly when the resource starts with
     * this text, so one comparison replaces a glob per part; since the parts hold no colon, the resource's first
     * colons are then exactly where the pattern's are.
     */
    private final String head;
    private final int headParts;

    private ArnPattern(String raw, boolean any, Template[] templates, Glob[] globs) {
        this.raw = raw;
        this.any = any;
        this.templates = templates;
        this.globs = globs;
        StringBuilder h = new StringBuilder();
        int k = 0;
        while (k < globs.length - 1 && globs[k] != null && globs[k].literal() != null
                && globs[k].literal().indexOf(':') < 0) {
            h.append(globs[k].literal()).append(':');
            k++;
        }
        this.head = h.toString();
        this.headParts = k;
    }

    /** Compiles a pattern; {@code variablesEnabled} as for {@link Template#parse}. */
    public static ArnPattern compile(String raw, boolean variablesEnabled) {
        if (raw.equals("*")) {
            return new ArnPattern(raw, true, new Template[0], new Glob[0]);
        }
        String[] parts = split(raw, variablesEnabled);
        Template[] templates = new Template[parts.length];
        Glob[] globs = new Glob[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!variablesEnabled || parts[i].indexOf("${") < 0) {
                globs[i] = Glob.compile(parts[i]); // plain text, the usual case: no template needed
                continue;
            }
            Template t = Template.parse(parts[i], true);
            if (t.hasVariables()) {
                templates[i] = t;
            } else {
                globs[i] = t.staticGlob(false);
            }
        }
        return new ArnPattern(raw, false, templates, globs);
    }

    /** Splits into at most six parts at colons that are not inside a {@code ${...}} variable. */
    static String[] split(String raw, boolean skipVariables) {
        String[] out = new String[PARTS];
        int count = 0;
        int start = 0;
        int depth = 0;
        for (int i = 0; i < raw.length() && count < PARTS - 1; i++) {
            char c = raw.charAt(i);
            if (skipVariables && c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                depth++;
            } else if (depth > 0 && c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                out[count++] = raw.substring(start, i);
                start = i + 1;
            }
        }
        out[count++] = raw.substring(start);
        if (count == PARTS) {
            return out;
        }
        String[] shorter = new String[count];
        System.arraycopy(out, 0, shorter, 0, count);
        return shorter;
    }

    /**
     * The positions of the five colons that separate the six parts of a request ARN, or {@code null} when it is not
     * an ARN (fewer than six parts). Part {@code i} is {@code arn[start(i), end(i))}; the parts from {@code i} on,
     * colons included, are {@code arn[start(i), length)}. Evaluation finds them once per request and matches every
     * pattern in place, without substrings.
     */
    public static int[] arnColons(String arn) {
        int[] colons = new int[PARTS - 1];
        int count = 0;
        for (int i = arn.indexOf(':'); i >= 0 && count < colons.length; i = arn.indexOf(':', i + 1)) {
            colons[count++] = i;
        }
        return count == colons.length ? colons : null;
    }

    /** Whether the pattern is {@code *}. */
    public boolean matchesEverything() {
        return any;
    }

    /**
     * Whether the request resource matches.
     *
     * @param resource the whole resource string
     * @param colons   {@link #arnColons(String)} of it (may be {@code null})
     * @param source   values for policy variables
     * @return {@code TRUE}, {@code FALSE}, or {@code null} when a variable could not be resolved
     */
    public Boolean matches(String resource, int[] colons, VariableSource source) {
        if (any) {
            return Boolean.TRUE;
        }
        if (colons == null || !resource.startsWith(head)) {
            return Boolean.FALSE;
        }
        int n = globs.length;
        for (int i = headParts; i < n; i++) {
            int start = i == 0 ? 0 : colons[i - 1] + 1;
            // A pattern with fewer than six parts lets its last part match the rest of the ARN, colons included.
            int end = i < n - 1 ? colons[i] : resource.length();
            Glob g = globs[i];
            if (g == null) {
                Boolean m = templates[i].matches(source, resource, start, end);
                if (m == null) {
                    return null;
                }
                if (!m) {
                    return Boolean.FALSE;
                }
            } else if (!g.matches(resource, start, end)) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    @Override
    public String toString() {
        return raw;
    }
}
