package io.keygate.credentials;

import static io.keygate.credentials.SessionTokenCodecTest.assertInvalid;

import java.time.Clock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of session token decoding: every change and every foreign string fails as InvalidClientTokenId. */
class SessionTokenPropertiesTest {

    private static final KeyRing RING = KeyRing.generate(Clock.systemUTC());
    private static final SessionTokenCodec CODEC = new SessionTokenCodec(RING);
    private static final String TOKEN = CODEC.encode(TestClaims.assumeRole());

    @Property(tries = 2000)
    void decodeWhenOneCharacterReplacedAnywhereThenInvalidClientTokenId(
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll char replacement) {
        int position = where % TOKEN.length();
        if (TOKEN.charAt(position) == replacement) {
            return;
        }
        String tampered = TOKEN.substring(0, position) + replacement + TOKEN.substring(position + 1);
        assertInvalid(() -> CODEC.decode(tampered));
    }

    @Property(tries = 1000)
    void decodeWhenBase64UrlCharacterReplacedThenInvalidClientTokenId(
            @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll("base64UrlChars") char replacement) {
        int position = where % TOKEN.length();
        if (TOKEN.charAt(position) == replacement) {
            return;
        }
        String tampered = TOKEN.substring(0, position) + replacement + TOKEN.substring(position + 1);
        assertInvalid(() -> CODEC.decode(tampered));
    }

    @Property(tries = 500)
    void decodeWhenCharactersInsertedOrRemovedThenInvalidClientTokenId(
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll("base64UrlChars") char inserted) {
        int position = where % TOKEN.length();
        assertInvalid(() -> CODEC.decode(TOKEN.substring(0, position) + inserted + TOKEN.substring(position)));
        assertInvalid(() -> CODEC.decode(TOKEN.substring(0, position) + TOKEN.substring(position + 1)));
    }

    @Property(tries = 2000)
    void decodeWhenArbitraryStringThenInvalidClientTokenId(@ForAll @StringLength(max = 9000) String garbage) {
        assertInvalid(() -> CODEC.decode(garbage));
    }

    @Property(tries = 1000)
    void decodeWhenFivePartsOfBase64UrlThenInvalidClientTokenId(@ForAll("jweShaped") String garbage) {
        assertInvalid(() -> CODEC.decode(garbage));
    }

    @Property(tries = 300)
    void decodeWhenRealHeaderWithRandomBodyThenInvalidClientTokenId(
            @ForAll @StringLength(max = 40) @CharRange(from = 'A', to = 'Z') String iv,
            @ForAll @StringLength(max = 2000) @CharRange(from = 'a', to = 'z') String body) {
        String header = TOKEN.substring(0, TOKEN.indexOf('.'));
        assertInvalid(() -> CODEC.decode(header + ".." + iv + "." + body + ".AAAAAAAAAAAAAAAAAAAAAA"));
    }

    @Provide
    Arbitrary<Character> base64UrlChars() {
        return Arbitraries.chars().range('A', 'Z').range('a', 'z').range('0', '9').with('-', '_');
    }

    @Provide
    Arbitrary<String> jweShaped() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
                .withCharRange('0', '9').withChars('-', '_').ofMaxLength(300);
        return part.list().ofSize(5).map(parts -> String.join(".", parts));
    }
}
