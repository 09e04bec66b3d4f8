package io.keygate.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.support.Seeded;
import io.keygate.support.Seeded.Row;

class FormDecoderTest {

    @Test
    void whenPlainFormThenDecodedInOrder() {
        Map<String, String> p = FormDecoder.decode("Action=GetCallerIdentity&Version=2011-06-15");
        assertEquals(Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"), p);
        assertEquals("Action", p.keySet().iterator().next());
    }

    @Test
    void whenEscapesAndPlusThenDecoded() {
        Map<String, String> p = FormDecoder.decode("Policy=%7B%22a%22%3A+1%7D&Name=caf%C3%A9&Empty=&Flag");
        assertEquals("{\"a\": 1}", p.get("Policy"));
        assertEquals("café", p.get("Name"));
        assertEquals("", p.get("Empty"));
        assertEquals("", p.get("Flag"));
    }

    @Test
    void whenRawUtf8BytesThenDecoded() {
        String raw = new String("Name=café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("café", FormDecoder.decode(raw).get("Name"));
    }

    @Test
    void whenParameterRepeatedThenInvalidParameterValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FormDecoder.decode("Action=A&Action=B"));
        assertEquals(AwsErrorCode.InvalidParameterValue, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A=%", "A=%4", "A=%zz", "A=%C3%28", "A=%FF", "=x", "A=%ED%A0%80"})
    void whenMalformedThenMalformedQueryString(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FormDecoder.decode(input));
        assertEquals(AwsErrorCode.MalformedQueryString, e.code());
    }

    @Test
    void whenTooManyParametersThenRefused() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= FormDecoder.MAX_PARAMETERS; i++) {
            b.append("p").append(i).append("=1&");
        }
        assertThrows(InvalidInputException.class, () -> FormDecoder.decode(b.toString()));
    }

    @TestFactory
    Stream<DynamicTest> anyInputDecodesOrFailsWithAnAwsError() {
        return Seeded.cases("any input", 2000, g -> g.anyString(300), FormDecoderTest::decodesOrFailsWithAnAwsError);
    }

    @TestFactory
    Stream<DynamicTest> anyFormShapedInputDecodesOrFailsWithAnAwsError() {
        return Seeded.cases("form-shaped input", 2000, g -> g.string("aB=&%+2Fe9\u00c3\u00a9\u0000", 0, 60),
                FormDecoderTest::decodesOrFailsWithAnAwsError);
    }

    private static void decodesOrFailsWithAnAwsError(String input) {
        Map<String, String> decoded;
        try {
            decoded = FormDecoder.decode(input);
        } catch (KeygateException expected) {
            assertThat(expected.code()).isIn(AwsErrorCode.MalformedQueryString, AwsErrorCode.InvalidParameterValue);
            assertThat(expected.code().httpStatus()).isEqualTo(400);
            return;
        }
        // what decodes is well-formed: named, UTF-16 without lone surrogates, at most one entry per '&'-part
        assertThat(decoded.size()).isLessThanOrEqualTo(input.split("&", -1).length);
        decoded.forEach((name, value) -> {
            assertThat(name).isNotEmpty();
            assertThat(wellFormed(name) && wellFormed(value)).as("well-formed UTF-16: %s=%s", name, value).isTrue();
        });
    }

    /** Any map of distinct names to any text encodes (spaces as '+' or as %20) and decodes back, order kept. */
    @TestFactory
    Stream<DynamicTest> anyEncodedFormDecodesToWhatWasEncoded() {
        return Seeded.cases("round trip", 1000, g -> {
            Map<String, String> form = new LinkedHashMap<>();
            for (String name : g.list(0, 8, () -> g.string(1, 12, () -> wellFormedChar(g)))) {
                form.put(name, g.string(0, 40, () -> wellFormedChar(g)));
            }
            return form;
        }, FormDecoderTest::roundTrips);
    }

    @TestFactory
    Stream<DynamicTest> edgeFormsDecodeToWhatWasEncoded() {
        return Seeded.rows("round trip", List.of(
                Row.of("empty", Map.of()),
                Row.of("empty value", Map.of("Name", "")),
                Row.of("NUL name and value", Map.of("\u0000", "\u0000")),
                Row.of("supplementary characters", Map.of("k\uD83D\uDE00", "\uD83D\uDE00\uD800\uDC00")),
                Row.of("every reserved character", Map.of("&=+%", "&=+% ?#/")),
                Row.of("a 1 MB value", Map.of("Policy", "\u00e9".repeat(512 * 1024))),
                Row.of("the maximum number of parameters", maxParameters())),
                FormDecoderTest::roundTrips);
    }

    private static Map<String, String> maxParameters() {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < FormDecoder.MAX_PARAMETERS; i++) {
            form.put("p" + i, Integer.toString(i));
        }
        return form;
    }

    private static void roundTrips(Map<String, String> form) {
        for (boolean plusForSpace : new boolean[] {true, false}) {
            StringBuilder encoded = new StringBuilder();
            form.forEach((name, value) -> encoded.append(encoded.isEmpty() ? "" : "&").append(encode(name, plusForSpace))
                    .append('=').append(encode(value, plusForSpace)));
            Map<String, String> decoded = FormDecoder.decode(encoded.toString());
            assertEquals(List.copyOf(form.entrySet()), List.copyOf(decoded.entrySet()), encoded.toString());
        }
    }

    private static String encode(String s, boolean plusForSpace) {
        String e = URLEncoder.encode(s, StandardCharsets.UTF_8);
        return plusForSpace ? e : e.replace("+", "%20");
    }

    private static char wellFormedChar(Seeded.Gen g) {
        char c;
        do {
            c = g.anyChar();
        } while (Character.isSurrogate(c));
        return c;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
