package io.keygate.policy;

import io.keygate.policy.condition.Values;
import io.keygate.policy.match.ArnPattern;
import java.util.List;

/**
 * The values of one request-context key, with typed views parsed on first use so that a context evaluated against
 * many statements parses each value once. Immutable from the outside; the caches are filled idempotently and
 * published through volatile fields, so an instance may be shared between threads.
 */
public final class ContextValue {

    private final String key;
    private final List<String> values;
    private final boolean multiValued;
    private volatile double[] numbers;
    private volatile long[] dates;
    private volatile byte[][] ips;
    private volatile int[][] arns;

    ContextValue(String key, List<String> values, boolean multiValued) {
        this.key = key;
        this.values = List.copyOf(values);
        this.multiValued = multiValued;
    }

    /** The key as it was given. */
    public String key() {
        return key;
    }

    /** The values, in order; empty for a multi-valued key present with no values. */
    public List<String> values() {
        return values;
    }

    /** Whether the key was given as a list (as {@code aws:TagKeys} is). */
    public boolean multiValued() {
        return multiValued;
    }

    /** The i-th value as a number, or NaN when it is not one. */
    public double number(int i) {
        double[] n = numbers;
        if (n == null) {
            n = new double[values.size()];
            for (int j = 0; j < n.length; j++) {
                n[j] = Values.parseNumber(values.get(j));
            }
            numbers = n;
        }
        return n[i];
    }

    /** The i-th value as epoch milliseconds, or {@link Long#MIN_VALUE} when it is not a date. */
    public long epochMillis(int i) {
        long[] d = dates;
        if (d == null) {
            d = new long[values.size()];
            for (int j = 0; j < d.length; j++) {
                d[j] = Values.parseDate(values.get(j));
            }
            dates = d;
        }
        return d[i];
    }

    /** The i-th value as a 4- or 16-byte address, or {@code null}. */
    public byte[] ip(int i) {
        byte[][] a = ips;
        if (a == null) {
            a = new byte[values.size()][];
            for (int j = 0; j < a.length; j++) {
                a[j] = Values.parseIp(values.get(j));
            }
            ips = a;
        }
        return a[i];
    }

    /** The colons between the ARN parts of the i-th value ({@link ArnPattern#arnColons}), or {@code null}. */
    public int[] arn(int i) {
        int[][] a = arns;
        if (a == null) {
            a = new int[values.size()][];
            for (int j = 0; j < a.length; j++) {
                a[j] = ArnPattern.arnColons(values.get(j));
            }
            arns = a;
        }
        return a[i];
    }

    @Override
    public String toString() {
        return key + "=" + (multiValued ? values : values.get(0));
    }
}
