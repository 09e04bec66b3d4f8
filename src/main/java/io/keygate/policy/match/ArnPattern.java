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
    private final Template[] templates;
    private final Glob[] globs; // null entries where the template has variables

    private ArnPattern(String raw, boolean any, Template[] templates, Glob[] globs) {
        this.raw = raw;
        this.any = any;
        this.templates = templates;
        this.globs = globs;
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
            templates[i] = Template.parse(parts[i], variablesEnabled);
            globs[i] = templates[i].hasVariables() ? null : templates[i].staticGlob(false);
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
     * Splits a request ARN into its six parts, or returns {@code null} when it is not an ARN (fewer than six parts).
     * Evaluation splits the request resource once and reuses the parts for every pattern.
     */
    public static String[] splitArn(String arn) {
        String[] parts = split(arn, false);
        return parts.length == PARTS ? parts : null;
    }

    /** Whether the pattern is {@code *}. */
    public boolean matchesEverything() {
        return any;
    }

    /**
     * Whether the request resource matches.
     *
     * @param resource the whole resource string
     * @param parts    {@link #splitArn(String)} of it (may be {@code null})
     * @param source   values for policy variables
     * @return {@code TRUE}, {@code FALSE}, or {@code null} when a variable could not be resolved
     */
    public Boolean matches(String resource, String[] parts, VariableSource source) {
        if (any) {
            return Boolean.TRUE;
        }
        if (parts == null) {
            return Boolean.FALSE;
        }
        int n = templates.length;
        for (int i = 0; i < n; i++) {
            String text = i < n - 1 || n == PARTS ? parts[i] : remainder(parts, i);
            Glob g = globs[i];
            if (g == null) {
                Boolean m = templates[i].matches(source, text);
                if (m == null) {
                    return null;
                }
                if (!m) {
                    return Boolean.FALSE;
                }
            } else if (!g.matches(text)) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    private static String remainder(String[] parts, int from) {
        StringBuilder sb = new StringBuilder(parts[from]);
        for (int i = from + 1; i < parts.length; i++) {
            sb.append(':').append(parts[i]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return raw;
    }
}
