package io.keygate.policy.condition;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Parsers for typed condition values: numbers, dates (ISO-8601 or epoch seconds), IPv4/IPv6 addresses and CIDR
 * blocks, base64. None of them throws: invalid input yields a sentinel. IP parsing is done by hand so that no value
 * ever reaches a resolver (InetAddress would look up host names).
 */
public final class Values {

    private Values() {
    }

    /** A decimal number ({@code -12}, {@code 3.5}), or NaN. */
    public static double parseNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return Double.NaN;
        }
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        return digits ? Double.parseDouble(s) : Double.NaN;
    }

    /**
     * A date as epoch milliseconds, or {@link Long#MIN_VALUE}. Accepts ISO-8601 date-times with offset or {@code Z},
     * without offset (UTC), plain dates, and epoch seconds.
     */
    public static long parseDate(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return Long.MIN_VALUE;
        }
        boolean allDigits = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                allDigits = false;
                break;
            }
        }
        try {
            if (allDigits) {
                return s.length() > 12 ? Long.MIN_VALUE : Long.parseLong(s) * 1000L;
            }
            if (s.indexOf('T') < 0) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            char last = s.charAt(s.length() - 1);
            int t = s.indexOf('T');
            if (last == 'Z' || last == 'z' || s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0) {
                return OffsetDateTime.parse(s.replace('z', 'Z')).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Base64 (standard alphabet) decoded, or {@code null}. */
    public static byte[] parseBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) literal, or {@code null}. */
    public static byte[] parseIp(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s, 0, s.length());
    }

    private static byte[] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero: ambiguous (octal in some parsers), refuse
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            return null;
        }
        byte[] out = new byte[16];
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0 ? 16 : 14);
        int[] t = groups(tail, 14);
        if (h == null || t == null) {
            return null;
        }
        int hBytes = h[h.length - 1];
        int tBytes = t[t.length - 1];
        if (dbl < 0 && hBytes != 16 || dbl >= 0 && hBytes + tBytes > 14) {
            return null;
        }
        for (int i = 0; i < hBytes; i++) {
            out[i] = (byte) h[i];
        }
        for (int i = 0; i < tBytes; i++) {
            out[16 - tBytes + i] = (byte) t[i];
        }
        return out;
    }

    /** Bytes of colon-separated groups (an embedded IPv4 allowed last); the final element is the byte count. */
    private static int[] groups(String s, int maxBytes) {
        int[] bytes = new int[17];
        int n = 0;
        if (s.isEmpty()) {
            bytes[16] = 0;
            return trim(bytes, 0);
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p, 0, p.length());
                if (v4 == null || n + 4 > maxBytes) {
                    return null;
                }
                for (byte b : v4) {
                    bytes[n++] = b & 0xff;
                }
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || n + 2 > maxBytes) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            bytes[n++] = v >> 8;
            bytes[n++] = v & 0xff;
        }
        return trim(bytes, n);
    }

    private static int[] trim(int[] bytes, int n) {
        int[] out = new int[n + 1];
        System.arraycopy(bytes, 0, out, 0, n);
        out[n] = n;
        return out;
    }

    /** A CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or a single address; {@code null} if invalid. */
    public static Cidr parseCidr(String s) {
        int slash = s.indexOf('/');
        int end = slash < 0 ? s.length() : slash;
        byte[] addr;
        if (end == 0 || end > 45) {
            return null;
        }
        // IPv4, the usual case, is read in place; IPv6 goes through parseIp.
        int colon = s.indexOf(':');
        addr = colon >= 0 && colon < end ? parseIp(s.substring(0, end)) : parseV4(s, 0, end);
        if (addr == null) {
            return null;
        }
        int bits = addr.length * 8;
        if (slash >= 0) {
            int digits = s.length() - slash - 1;
            if (digits == 0 || digits > 3) {
                return null;
            }
            bits = 0;
            for (int i = slash + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                bits = bits * 10 + (c - '0');
            }
            if (bits > addr.length * 8) {
                return null;
            }
        }
        return new Cidr(addr, bits);
    }

    /** A network address and prefix length. */
    public record Cidr(byte[] network, int prefix) {
        /** Whether {@code address} (same family) is inside the block. */
        public boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
