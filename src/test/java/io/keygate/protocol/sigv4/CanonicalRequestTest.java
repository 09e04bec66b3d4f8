package io.keygate.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical URI, query and header rules beyond what the suite covers. */
class CanonicalRequestTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("/", true, "/"),
                Arguments.of("", true, "/"),
                Arguments.of("/a/b/../c", true, "/a/c"),
                Arguments.of("/a/b/..", true, "/a/"),
                Arguments.of("/a/./b/.", true, "/a/b/"),
                Arguments.of("/../../a", true, "/a"),
                Arguments.of("//a//b//", true, "/a/b/"),
                Arguments.of("//a//b//", false, "//a//b//"),
                Arguments.of("/a%20b", true, "/a%2520b"), // non-S3: the wire encoding is encoded once more
                Arguments.of("/a b", true, "/a%20b"),
                Arguments.of("/\u00e9", true, "/%C3%A9"),
                Arguments.of("/a+b=c", true, "/a%2Bb%3Dc"),
                Arguments.of("relative", true, "/relative"));
    }

    @ParameterizedTest(name = "{0} normalize={1}")
    @MethodSource("paths")
    void uriWhenPathThenCanonical(String raw, boolean normalize, String expected) {
        assertEquals(expected, CanonicalRequest.uri(raw.isEmpty() ? "/" : raw, normalize));
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("b=2&a=1", "a=1&b=2"),
                Arguments.of("a=2&a=1", "a=1&a=2"),
                Arguments.of("flag", "flag="),
                Arguments.of("a=1&&b=2&", "a=1&b=2"),
                Arguments.of("a=x%2fy", "a=x%2Fy"),
                Arguments.of("a=%41", "a=A"),
                Arguments.of("a=b+c", "a=b%20c"), // + is a space, as the form decoder reads it
                Arguments.of("a=b%2Bc", "a=b%2Bc"),
                Arguments.of("a=100%", "a=100%25"),
                Arguments.of("a=%zz", "a=%25zz"),
                Arguments.of("a=%e", "a=%25e"),
                Arguments.of("a=b=c", "a=b%3Dc"),
                Arguments.of("%E1%88%B4=x&Z=y", "%E1%88%B4=x&Z=y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void queryWhenRawThenCanonical(String raw, String expected) {
        assertEquals(expected, CanonicalRequest.query(raw, false));
    }

    @Test
    void queryWhenPresignedThenSignatureLeftOut() {
        assertEquals("X-Amz-Date=1&a=b", CanonicalRequest.query("a=b&X-Amz-Signature=abc&X-Amz-Date=1", true));
        assertEquals("X-Amz-Date=1&X-Amz-Signature=abc&a=b",
                CanonicalRequest.query("a=b&X-Amz-Signature=abc&X-Amz-Date=1", false));
    }

    @Test
    void headersWhenDuplicatedAndSpacedThenTrimmedCollapsedAndJoined() {
        SigV4Request r = new SigV4Request("GET", "/", "", List.of(
                new SigV4Request.Header("Host", " h "),
                new SigV4Request.Header("X-A", "  one   two\t three "),
                new SigV4Request.Header("x-a", "four"),
                new SigV4Request.Header("X-B", "")), null, null);
        assertEquals("GET\n/\n\nhost:h\nx-a:one two three,four\nx-b:\n\nhost;x-a;x-b\n" + SigV4Crypto.EMPTY_SHA256,
                CanonicalRequest.build(r, List.of("host", "x-a", "x-b"), SigV4Crypto.EMPTY_SHA256, false, true));
    }

    @Test
    void ofWhenVertxStylePartsThenHostFromAuthorityAndBodyCopied() {
        byte[] body = "x=1".getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> headers = List.of(new AbstractMap.SimpleEntry<>("Content-Type", "a/b"));
        SigV4Request r = SigV4Request.of("POST", "/", null, headers, body, "localhost:8081");
        body[0] = 'y';
        assertEquals("localhost:8081", r.header("host"));
        assertEquals("x=1", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("", r.rawQuery());
    }

    @Test
    void amzDateWhenRoundTrippedThenSame() {
        Instant t = Instant.parse("2015-08-30T12:36:00Z");
        assertEquals("20150830T123600Z", AmzDate.format(t));
        assertEquals(t, AmzDate.parseBasic("20150830T123600Z"));
        assertEquals(t, AmzDate.parseRfc1123("Sun, 30 Aug 2015 12:36:00 GMT"));
        assertEquals(null, AmzDate.parseBasic("20150830T123600"));
        assertEquals(null, AmzDate.parseBasic("2015083OT123600Z"));
        assertEquals(null, AmzDate.parseRfc1123("Mon, 31 Feb 2015 12:36:00 GMT"));
    }
}
