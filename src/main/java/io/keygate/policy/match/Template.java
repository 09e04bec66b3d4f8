package io.keygate.policy.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy string that may contain policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team,
 * 'none'}}, and the specials {@code ${*}}, {@code ${?}}, {@code ${$}} that stand for the literal characters).
 * Follows the IAM User Guide page "IAM policy elements: Variables and tags" (reference_policies_variables).
 *
 * <p>Substitution happens once, from the request context; substituted text is never parsed again, and wildcards
 * inside substituted values are literal characters (THREATS.md, "Variable injection"). In documents with
 * {@code Version 2008-10-17} variables are plain text: callers pass {@code variablesEnabled = false}.
 * Immutable and thread-safe.
 */
public final class Template {

    private final String raw;
    private final Object[] parts; // String literal (policy text, wildcards active) | Char literal | Var
    private final boolean hasVariables;

    private record Var(String name, String lowerKey, String defaultValue) {
    }

    private Template(String raw, Object[] parts, boolean hasVariables) {
        this.raw = raw;
        this.parts = parts;
        this.hasVariables = hasVariables;
    }

    /** Parses {@code raw}; with {@code variablesEnabled} false the whole string is literal policy text. */
    public static Template parse(String raw, boolean variablesEnabled) {
        if (!variablesEnabled || raw.indexOf("${") < 0) {
            return new Template(raw, new Object[] {raw}, false);
        }
        // Literal runs are always contiguous slices of raw (text that only looks like a variable stays in its run),
        // so they are cut out with substring from litStart rather than collected in a StringBuilder.
        List<Object> parts = new ArrayList<>(4);
        boolean vars = false;
        int litStart = 0;
        int i = 0;
        while (i < raw.length()) {
            int open = raw.indexOf("${", i);
            int close = open < 0 ? -1 : raw.indexOf('}', open + 2);
            if (close < 0) {
                break;
            }
            Object part = variable(raw.substring(open + 2, close));
            if (part != null) {
                if (open > litStart) {
                    parts.add(raw.substring(litStart, open));
                }
                parts.add(part);
                vars |= part instanceof Var;
                litStart = close + 1;
            }
            i = close + 1;
        }
        if (litStart < raw.length()) {
            parts.add(raw.substring(litStart));
        }
        return new Template(raw, parts.toArray(), vars);
    }

    private static Object variable(String body) {
        String b = body.trim();
        if (b.equals("*") || b.equals("?") || b.equals("$")) {
            return Character.valueOf(b.charAt(0));
        }
        String name = b;
        String dflt = null;
        int comma = b.indexOf(',');
        if (comma >= 0) {
            name = b.substring(0, comma).trim();
            String d = b.substring(comma + 1).trim();
            if (d.length() < 2 || d.charAt(0) != '\'' || d.charAt(d.length() - 1) != '\'') {
                return null;
            }
            dflt = d.substring(1, d.length() - 1);
        }
        if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('$') >= 0 || name.indexOf(' ') >= 0) {
            return null;
        }
        return new Var(name, name.toLowerCase(Locale.ROOT), dflt);
    }

    /** The text as written in the policy. */
    public String raw() {
        return raw;
    }

    /** Whether the text contains at least one variable that needs the request context. */
    public boolean hasVariables() {
        return hasVariables;
    }

    /** Lower-cased names of the context keys this template reads. */
    public List<String> variableKeys() {
        List<String> keys = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Var v) {
                keys.add(v.lowerKey());
            }
        }
        return keys;
    }

    /**
     * The substituted text, with specials turned into their characters; {@code null} when a variable has neither a
     * value nor a default. Wildcard information is lost: use for exact comparisons.
     */
    public String resolveText(VariableSource source) {
        if (parts.length == 1 && parts[0] instanceof String s) {
            return s;
        }
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
            } else if (p instanceof Character c) {
                sb.append(c.charValue());
            } else {
                String v = value((Var) p, source);
                if (v == null) {
                    return null;
                }
                sb.append(v);
            }
        }
        return sb.toString();
    }

    /**
     * A glob of the substituted text in which only wildcards written in the policy are wildcards; {@code null} when a
     * variable cannot be resolved. {@code lowerCase} folds the result (for case-insensitive matching).
     */
    public Glob resolveGlob(VariableSource source, boolean lowerCase) {
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        StringBuilder flags = new StringBuilder(raw.length() + 16);
        for (Object p : parts) {
            if (p instanceof String s) {
                sb.append(s);
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    flags.append(ch == '*' || ch == '?' ? 'w' : 'l');
                }
            } else if (p instanceof Character c) {
                sb.append(c.charValue());
                flags.append('l');
            } else {
                String v = value((Var) p, source);
                if (v == null) {
                    return null;
                }
                sb.append(v);
                flags.append("l".repeat(v.length()));
            }
        }
        String text = lowerCase ? sb.toString().toLowerCase(Locale.ROOT) : sb.toString();
        boolean[] wild = new boolean[flags.length()];
        for (int i = 0; i < wild.length; i++) {
            wild[i] = flags.charAt(i) == 'w';
        }
        return Glob.compile(text.toCharArray(), wild);
    }

    /**
     * Whether {@code text} matches the substituted template, wildcards written in the policy being wildcards and
     * substituted text literal; {@code null} when a variable cannot be resolved.
     */
    public Boolean matches(VariableSource source, String text) {
        return matches(source, text, 0, text.length());
    }

    /**
     * As {@link #matches(VariableSource, String)} for {@code text[start, end)}. The pattern is compared in place up to
     * its first {@code *}, resolving variables as they come; a pattern that ends there (the usual
     * {@code home/${aws:username}/*}) is decided without building anything. Any unresolvable variable answers
     * {@code null} (and is reported missing) whatever the text, so an early mismatch still resolves the variables
     * after it. Only a star further inside makes it build the substituted pattern.
     */
    public Boolean matches(VariableSource source, String text, int start, int end) {
        int at = start;
        for (int i = 0; i < parts.length; i++) {
            Object p = parts[i];
            if (p instanceof String s) {
                for (int j = 0; j < s.length(); j++, at++) {
                    char c = s.charAt(j);
                    if (c == '*') {
                        boolean last = i == parts.length - 1 && j == s.length() - 1;
                        return last ? Boolean.TRUE : substituted(source, text, start, end);
                    }
                    if (at >= end || c != '?' && c != text.charAt(at)) {
                        return mismatch(source, i + 1);
                    }
                }
            } else if (p instanceof Character c) {
                if (at >= end || text.charAt(at) != c) {
                    return mismatch(source, i + 1);
                }
                at++;
            } else {
                String v = value((Var) p, source);
                if (v == null) {
                    return null;
                }
                if (end - at < v.length() || !text.startsWith(v, at)) {
                    return mismatch(source, i + 1);
                }
                at += v.length();
            }
        }
        return at == end;
    }

    /** FALSE, or {@code null} if a variable in {@code parts[from..]} cannot be resolved. */
    private Boolean mismatch(VariableSource source, int from) {
        for (int i = from; i < parts.length; i++) {
            if (parts[i] instanceof Var v && value(v, source) == null) {
                return null;
            }
        }
        return Boolean.FALSE;
    }

    /** The general case: builds the substituted pattern and matches it as a glob. */
    private Boolean substituted(VariableSource source, String text, int start, int end) {
        String[] values = new String[parts.length];
        int len = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] instanceof String s) {
                len += s.length();
            } else if (parts[i] instanceof Character) {
                len++;
            } else {
                values[i] = value((Var) parts[i], source);
                if (values[i] == null) {
                    return null;
                }
                len += values[i].length();
            }
        }
        char[] chars = new char[len];
        boolean[] wild = new boolean[len];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] instanceof String s) {
                for (int j = 0; j < s.length(); j++) {
                    char c = s.charAt(j);
                    chars[at] = c;
                    wild[at++] = c == '*' || c == '?';
                }
            } else if (parts[i] instanceof Character c) {
                chars[at++] = c;
            } else {
                values[i].getChars(0, values[i].length(), chars, at);
                at += values[i].length();
            }
        }
        return Glob.matches(chars, wild, len, text, start, end);
    }

    /** The glob for a template without variables (specials become literal characters). */
    public Glob staticGlob(boolean lowerCase) {
        if (parts.length == 1 && parts[0] instanceof String s) {
            // Plain policy text: every * and ? is a wildcard, so compile it directly (policy characters are at most
            // U+00FF, where lower-casing keeps the length and never makes a wildcard).
            return Glob.compile(lowerCase ? s.toLowerCase(Locale.ROOT) : s);
        }
        return resolveGlob(k -> null, lowerCase);
    }

    private static String value(Var v, VariableSource source) {
        String value = source.variable(v.lowerKey());
        return value != null ? value : v.defaultValue();
    }

    @Override
    public String toString() {
        return raw;
    }
}
