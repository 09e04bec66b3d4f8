package io.keygate.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

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

    @Property(tries = 2000)
    void anyInputDecodesOrFailsWithAnAwsError(@ForAll String input) {
        try {
            assertThat(FormDecoder.decode(input)).isNotNull();
        } catch (KeygateException expected) {
            assertThat(expected.code().httpStatus()).isEqualTo(400);
        }
    }
}
