package io.keygate.federation.saml;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.w3c.dom.Element;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * The assertion is valid now, within the configured skew (SAML 2.0 Core, sections 2.5.1.2 and 2.3.3): its
 * {@code IssueInstant} is not in the future, and the {@code Conditions}' {@code NotBefore} has come and
 * {@code NotOnOrAfter} has not passed. An expired assertion is {@code ExpiredTokenException}, as in STS.
 */
final class TimeWindowCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Instant issued = instant(w.assertion, "IssueInstant");
        if (issued == null) {
            throw SamlWork.invalid("The assertion has no IssueInstant.");
        }
        if (issued.isAfter(w.now.plus(w.settings.clockSkew()))) {
            throw SamlWork.invalid("The assertion was issued in the future (" + issued + ").");
        }
        Element conditions = SamlXml.child(w.assertion, SamlXml.ASSERTION, "Conditions");
        Instant notBefore = conditions == null ? null : instant(conditions, "NotBefore");
        Instant notOnOrAfter = conditions == null ? null : instant(conditions, "NotOnOrAfter");
        if (notBefore != null && w.now.plus(w.settings.clockSkew()).isBefore(notBefore)) {
            throw SamlWork.invalid("The assertion is not yet valid (NotBefore " + notBefore + ").");
        }
        if (notOnOrAfter != null && !w.now.minus(w.settings.clockSkew()).isBefore(notOnOrAfter)) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException,
                    "The SAML assertion has expired (NotOnOrAfter " + notOnOrAfter + ").");
        }
        w.notOnOrAfter = notOnOrAfter;
    }

    static Instant instant(Element e, String attribute) {
        String value = SamlXml.attribute(e, attribute);
        if (value == null) {
            return null;
        }
        String v = value.trim();
        Instant plain = plainUtc(v);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ex) {
            throw SamlWork.invalid(attribute + " is not an xs:dateTime in UTC.");
        }
    }

    /**
     * The form every IdP writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read without the formatter (three times a
     * request); null for anything else, which {@link Instant#parse} then accepts or refuses as before. Field ranges
     * are checked by {@link LocalDateTime#of}: an impossible date is null here and refused by the parser.
     */
    static Instant plainUtc(String v) {
        int n = v.length();
        if (n < 20 || n > 30 || v.charAt(n - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':' || n > 20 && v.charAt(19) != '.'
                || n == 21) {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int fraction = n > 20 ? digits(v, 20, n - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
            return null;
        }
        int nanos = fraction;
        for (int scale = n > 20 ? n - 21 : 9; scale < 9; scale++) {
            nanos *= 10;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code v[from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
