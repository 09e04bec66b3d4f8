package io.keygate.credentials;

import static io.keygate.credentials.SessionTokenCodecTest.assertInvalid;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Exhaustive companion to {@link SessionTokenPropertiesTest}: every position of a token, with a character that
 * flips the lowest bit of its base64url value (the change most likely to survive decoding), and with a dot.
 */
class SessionTokenTamperTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void decodeWhenAnyPositionChangedThenInvalidClientTokenId() {
        SessionTokenCodec codec = new SessionTokenCodec(KeyRing.generate(Clock.systemUTC()));
        String token = codec.encode(TestClaims.assumeRole());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char lowBitFlipped = c == '.' ? 'A' : ALPHABET.charAt(ALPHABET.indexOf(c) ^ 1);
            for (char replacement : new char[] {lowBitFlipped, c == '.' ? '_' : '.'}) {
                String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
                assertInvalid(() -> codec.decode(tampered));
            }
        }
    }
}
