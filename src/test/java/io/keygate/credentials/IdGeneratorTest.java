package io.keygate.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdGeneratorTest {

    private final IdGenerator ids = IdGenerator.create();

    @Test
    void longTermAccessKeyIdWhenGeneratedThenAkiaAnd16Base32Chars() {
        for (int i = 0; i < 1000; i++) {
            AccessKeyId id = ids.longTermAccessKeyId();
            assertTrue(id.value().matches("AKIA[A-Z2-7]{16}"), id.value());
            assertFalse(id.isTemporary());
        }
    }

    @Test
    void temporaryAccessKeyIdWhenGeneratedThenAsiaAnd16Base32Chars() {
        for (int i = 0; i < 1000; i++) {
            AccessKeyId id = ids.temporaryAccessKeyId();
            assertTrue(id.value().matches("ASIA[A-Z2-7]{16}"), id.value());
            assertTrue(id.isTemporary());
        }
    }

    @Test
    void accessKeyIdsWhenManyGeneratedThenAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ids.temporaryAccessKeyId().value()));
        }
    }

    @Test
    void secretAccessKeyWhenGeneratedThen40Base64LikeChars() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = ids.secretAccessKey();
            assertTrue(secret.matches("[A-Za-z0-9/+]{40}"), "secret has the wrong shape");
            assertTrue(IdGenerator.isWellFormedSecret(secret));
            secret.chars().forEach(c -> used.add((char) c));
        }
        assertEquals(64, used.size(), "every character of the alphabet shows up");
    }

    @Test
    void secretAccessKeyWhenRandomBytesAreFixedThenEachByteMasksToOneCharacter() {
        // 0xFF, 0x40, 0x81, 0x3E, … repeated: the low six bits pick the character, the sign bit never matters.
        byte[] pattern = {(byte) 0xFF, 0x40, (byte) 0x81, 0x3E};
        java.security.SecureRandom fixed = new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = pattern[i % pattern.length];
                }
            }
        };
        IdGenerator fixedIds = new IdGenerator(fixed);
        assertEquals("/AB+".repeat(10), fixedIds.secretAccessKey());
        assertEquals("ASIA" + "7AB6".repeat(4), fixedIds.temporaryAccessKeyId().value());
    }

    @ParameterizedTest
    @EnumSource(UniqueIdType.class)
    void uniqueIdWhenGeneratedThenPrefixAnd17Chars(UniqueIdType type) {
        String id = ids.uniqueId(type);
        assertTrue(id.matches(type.prefix() + "[A-Z2-7]{17}"), id);
    }

    @Test
    void uniqueIdPrefixesAreAwsOnes() {
        assertEquals("AIDA", UniqueIdType.USER.prefix());
        assertEquals("AGPA", UniqueIdType.GROUP.prefix());
        assertEquals("AROA", UniqueIdType.ROLE.prefix());
        assertEquals("ANPA", UniqueIdType.POLICY.prefix());
        assertEquals("AIPA", UniqueIdType.INSTANCE_PROFILE.prefix());
    }

    @Test
    void accountIdWhenGeneratedThen12DigitsNotStartingWithZero() {
        for (int i = 0; i < 10_000; i++) {
            String account = AccountIds.random();
            assertTrue(account.matches("[1-9][0-9]{11}"), account);
            assertTrue(AccountIds.isWellFormed(account));
        }
        assertFalse(AccountIds.isWellFormed("12345678901"));
        assertFalse(AccountIds.isWellFormed("12345678901a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AKIA", "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLEX", "akiaiosfodnn7example",
        "AKIAIOSFODNN7EXAMP01", "AIDAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL+"})
    void accessKeyIdWhenMalformedThenRejected(String value) {
        assertThrows(IllegalArgumentException.class, () -> new AccessKeyId(value));
        assertFalse(AccessKeyId.isWellFormed(value));
    }

    @Test
    void accessKeyIdWhenAwsDocumentationExampleThenAccepted() {
        assertEquals("AKIAIOSFODNN7EXAMPLE", AccessKeyId.of("AKIAIOSFODNN7EXAMPLE").toString());
    }
}
