package io.keygate.protocol.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** ISO 8601 basic timestamps ({@code 20150830T123600Z}) and RFC 1123 {@code Date} headers, parsed without regex. */
final class AmzDate {

    private AmzDate() {
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}, or returns null when the text is not exactly that. */
    static Instant parseBasic(String s) {
        if (s == null || s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 6);
        int day = digits(s, 6, 8);
        int hour = digits(s, 9, 11);
        int minute = digits(s, 11, 13);
        int second = digits(s, 13, 15);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses an RFC 1123 date ({@code Sun, 30 Aug 2015 12:36:00 GMT}), or returns null. */
    static Instant parseRfc1123(String s) {
        if (s == null || s.length() > 64) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) { // DateTimeParseException and range errors alike
            return null;
        }
    }

    /** Formats as {@code yyyyMMdd'T'HHmmss'Z'} (UTC). */
    static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] c = new char[16];
        put(c, 0, d.getYear(), 4);
        put(c, 4, d.getMonthValue(), 2);
        put(c, 6, d.getDayOfMonth(), 2);
        c[8] = 'T';
        put(c, 9, d.getHour(), 2);
        put(c, 11, d.getMinute(), 2);
        put(c, 13, d.getSecond(), 2);
        c[15] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
