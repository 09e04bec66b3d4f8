package io.keygate.credentials;

import static io.keygate.credentials.SessionTokenCodecTest.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.support.Seeded;
import io.keygate.support.Seeded.Row;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of session token decoding: every change and every foreign string fails as InvalidClientTokenId.
 * Changes are tried exhaustively (every position, every base64url character, a dot, and characters outside the
 * alphabet); foreign strings come from a seeded generator ({@link Seeded}) and from explicit edge rows.
 */
class SessionTokenPropertiesTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Replacements outside the base64url alphabet: NUL, lone surrogates, padding, Latin-1, base64 (not -url). */
    private static final char[] FOREIGN = {'\u0000', '\uD800', '\uDC00', '=', '+', '/', ' ', '\u00e9', '\uFFFF'};
    private static final KeyRing RING = KeyRing.generate(Clock.systemUTC());
    private static final SessionTokenCodec CODEC = new SessionTokenCodec(RING);
    private static final String TOKEN = CODEC.encode(TestClaims.assumeRole());

    @Test
    void decodeWhenUnchangedThenTheClaimsComeBack() {
        // the control: without it, a codec that refuses everything would pass every property below
        assertEquals(TestClaims.assumeRole().principalArn(), CODEC.decodeUncached(TOKEN).principalArn());
    }

    /**
     * Every position × five replacements: the base64url character one bit away in its lowest bit (the change most
     * likely to survive decoding) and in its highest bit, a dot, one of the {@link #FOREIGN} characters (in turn),
     * and a seeded random base64url character. (All 64 characters at every position: 80,000 decodes, a minute here.)
     */
    @TestFactory
    Stream<DynamicTest> decodeWhenAnyCharacterReplacedAtAnyPositionThenInvalidClientTokenId() {
        java.util.SplittableRandom random = new SplittableRandom(Seeded.seed());
        return IntStream.range(0, TOKEN.length()).mapToObj(position -> {
            char c = TOKEN.charAt(position);
            int index = c == '.' ? 0 : ALPHABET.indexOf(c);
            char[] replacements = {ALPHABET.charAt(index ^ 1), ALPHABET.charAt(index ^ 32), '.',
                FOREIGN[position % FOREIGN.length], ALPHABET.charAt(random.nextInt(ALPHABET.length()))};
            return DynamicTest.dynamicTest("position " + position + " of " + TOKEN.length() + " seed="
                    + Seeded.seed(), () -> {
                        for (char replacement : replacements) {
                            if (c != replacement) {
                                String tampered = TOKEN.substring(0, position) + replacement
                                        + TOKEN.substring(position + 1);
                                assertInvalid(() -> CODEC.decode(tampered));
                            }
                        }
                    });
        });
    }

    /** Every position: the character removed, and each of a dot, 'A' and '_' inserted before it (and at the end). */
    @TestFactory
    Stream<DynamicTest> decodeWhenCharactersInsertedOrRemovedAtAnyPositionThenInvalidClientTokenId() {
        return IntStream.rangeClosed(0, TOKEN.length()).mapToObj(position -> DynamicTest.dynamicTest(
                "position " + position + " of " + TOKEN.length(), () -> {
                    if (position < TOKEN.length()) {
                        assertInvalid(() -> CODEC.decode(TOKEN.substring(0, position)
                                + TOKEN.substring(position + 1)));
                    }
                    for (char inserted : new char[] {'.', 'A', '_'}) {
                        assertInvalid(() -> CODEC.decode(TOKEN.substring(0, position) + inserted
                                + TOKEN.substring(position)));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> decodeWhenArbitraryStringThenInvalidClientTokenId() {
        return Seeded.cases("arbitrary string", 2000, g -> g.anyString(9000),
                garbage -> assertInvalid(() -> CODEC.decode(garbage)));
    }

    @TestFactory
    Stream<DynamicTest> decodeWhenEdgeStringThenInvalidClientTokenId() {
        String header = TOKEN.substring(0, TOKEN.indexOf('.'));
        return Seeded.rows("edge string", List.of(
                Row.of("empty", ""),
                Row.of("NUL", "\u0000"),
                Row.of("lone high surrogate", "\uD800"),
                Row.of("lone low surrogate", "\uDC00"),
                Row.of("four dots", "...."),
                Row.of("five empty parts with NUL", "\u0000...."),
                Row.of("header only", header),
                Row.of("header and four empty parts", header + "...."),
                Row.of("token with a NUL appended", TOKEN + "\u0000"),
                Row.of("token with a lone surrogate appended", TOKEN + "\uD800"),
                Row.of("token with a sixth part", TOKEN + ".AAAA"),
                Row.of("token twice", TOKEN + TOKEN),
                Row.of("maximum length of A", "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH)),
                Row.of("maximum length, JWE-shaped",
                        header + ".." + "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH - header.length() - 4) + ".."),
                Row.of("one over the maximum length", "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH + 1)),
                Row.of("token padded past the maximum", TOKEN + "A".repeat(SessionTokenCodec.MAX_TOKEN_LENGTH))),
                garbage -> assertInvalid(() -> CODEC.decode(garbage)));
    }

    @TestFactory
    Stream<DynamicTest> decodeWhenFivePartsOfBase64UrlThenInvalidClientTokenId() {
        return Seeded.cases("five base64url parts", 1000,
                g -> String.join(".", g.list(5, 5, () -> g.string(ALPHABET, 0, 300))),
                garbage -> assertInvalid(() -> CODEC.decode(garbage)));
    }

    @TestFactory
    Stream<DynamicTest> decodeWhenRealHeaderWithRandomBodyThenInvalidClientTokenId() {
        String header = TOKEN.substring(0, TOKEN.indexOf('.'));
        return Seeded.cases("real header, random iv and body", 300,
                g -> header + ".." + g.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0, 40) + "."
                        + g.string("abcdefghijklmnopqrstuvwxyz", 0, 2000) + ".AAAAAAAAAAAAAAAAAAAAAA",
                garbage -> assertInvalid(() -> CODEC.decode(garbage)));
    }
}
