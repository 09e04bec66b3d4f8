package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base64UrlTest {

    @Test
    void encodeWhenAnyLengthAndOffsetThenSameAsTheJdkUrlEncoderWithoutPadding() {
        Random random = new Random(42);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length + 5];
            random.nextBytes(bytes);
            String expected = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.util.Arrays.copyOfRange(bytes, 3, 3 + length));
            byte[] out = new byte[Base64Url.length(length) + 2];
            int end = Base64Url.encode(bytes, 3, 3 + length, out, 1);
            assertEquals(1 + expected.length(), end, "end for length " + length);
            assertEquals(expected.length(), Base64Url.length(length), "length " + length);
            assertEquals(expected, new String(out, 1, expected.length(), StandardCharsets.US_ASCII), "length " + length);
        }
    }

    @Test
    void encodeWhenEveryByteValueThenBothSpecialCharactersAppear() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        byte[] out = new byte[Base64Url.length(all.length)];
        Base64Url.encode(all, 0, all.length, out, 0);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(all),
                new String(out, StandardCharsets.US_ASCII));
    }
}
