package io.keygate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SamlKeysTest {

    private static String sha1(String input) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nameQualifierWhenAskedAgainOrForAnotherProviderThenEachHasItsOwnDigest() throws Exception {
        String first = SamlKeys.nameQualifier("https://idp.example.com/a", "111122223333", "Corp");
        String again = SamlKeys.nameQualifier("https://idp.example.com/a", "111122223333", "Corp");
        String otherAccount = SamlKeys.nameQualifier("https://idp.example.com/a", "444455556666", "Corp");
        String otherName = SamlKeys.nameQualifier("https://idp.example.com/a", "111122223333", "Corp2");

        assertThat(first).isEqualTo(again).isEqualTo(sha1("https://idp.example.com/a111122223333/Corp"));
        assertThat(otherAccount).isEqualTo(sha1("https://idp.example.com/a444455556666/Corp"));
        assertThat(otherName).isEqualTo(sha1("https://idp.example.com/a111122223333/Corp2"));
    }

    @Test
    void nameQualifierWhenMoreProvidersThanTheMemoHoldsThenStillTheDigestOfEach() throws Exception {
        for (int i = 0; i < SamlKeys.NAME_QUALIFIER_LIMIT + 10; i++) {
            assertThat(SamlKeys.nameQualifier("https://idp" + i + ".example.com", "111122223333", "P" + i))
                    .isEqualTo(sha1("https://idp" + i + ".example.com111122223333/P" + i));
        }
    }
}
