package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 Appendix B: the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B, SHA-1 rows; the 6-digit code is the last six of the 8-digit value. */
    @ParameterizedTest(name = "T={0} -> {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"})
    void generateWhenRfc6238VectorThenLastSixDigitsMatch(long epochSecond, String eightDigits) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        assertEquals(eightDigits.substring(2), Totp.generate(RFC_SEED, at));
        assertEquals(OptionalLong.of(epochSecond / 30), Totp.verify(RFC_SEED, eightDigits.substring(2), clock(at)));
    }

    @Test
    void verifyWhenCodeFromAdjacentStepThenAcceptedAndReturnsThatStep() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.timeStep(now);
        for (int offset = -1; offset <= 1; offset++) {
            String code = Totp.generate(RFC_SEED, now.plusSeconds(30L * offset));
            assertEquals(OptionalLong.of(step + offset), Totp.verify(RFC_SEED, code, clock(now)), "offset " + offset);
        }
    }

    @Test
    void verifyWhenCodeTwoStepsAwayThenRejected() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        for (int offset : new int[] {-2, 2}) {
            String code = Totp.generate(RFC_SEED, now.plusSeconds(30L * offset));
            assertTrue(Totp.verify(RFC_SEED, code, clock(now)).isEmpty(), "offset " + offset);
        }
    }

    @Test
    void verifyWhenCodeMalformedThenRejected() {
        Clock clock = clock(Instant.ofEpochSecond(59));
        for (String bad : new String[] {null, "", "28708", "2870822", "28708a", " 287082", "２８７０８２"}) {
            assertTrue(Totp.verify(RFC_SEED, bad, clock).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void newSeedWhenMintedThen160BitsAndBase32RoundTrips() {
        byte[] seed = Totp.newSeed();
        assertEquals(20, seed.length);
        String text = Base32.encode(seed);
        assertEquals(32, text.length());
        assertArrayEquals(seed, Base32.decode(text));
        assertArrayEquals(seed, Base32.decode(text.toLowerCase()));
    }

    /** RFC 4648 section 10 test vectors. */
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "'', ''",
        "f, MY======",
        "fo, MZXQ====",
        "foo, MZXW6===",
        "foob, MZXW6YQ=",
        "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI======"})
    void base32WhenRfc4648VectorThenEncodesAndDecodes(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(encoded));
        assertArrayEquals(bytes, Base32.decode(encoded.replace("=", "")));
    }

    @Test
    void base32WhenInvalidThenIllegalArgument() {
        for (String bad : new String[] {"MZXW6YT1", "MZXW6Y=Q", "M", "MZX", "MZXW6Y", "MZ XW 6@"}) {
            assertThrows(IllegalArgumentException.class, () -> Base32.decode(bad), bad);
        }
    }

    private static Clock clock(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
