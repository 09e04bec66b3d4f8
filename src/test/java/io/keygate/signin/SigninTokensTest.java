package io.keygate.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;

/** The sealed wire form of sign-in tokens: what it carries, what it refuses, and that it is read by later versions. */
class SigninTokensTest {

    private static final String ID = "a".repeat(43);
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Instant EXP = Instant.parse("2026-12-02T16:15:00Z");
    private static final Instant CONSOLE = Instant.parse("2026-12-02T17:00:00Z");

    private final SecretSealer sealer = new SecretSealer(KeyRing.generate(Clock.systemUTC()));
    private final SigninTokens tokens = new SigninTokens(sealer);

    @Test
    void whenSealedThenItOpensToWhatItCarriesAndFitsAUrl() {
        String token = tokens.seal(new SigninTokens.Contents(ID, EXP, CONSOLE, "session-token"));
        assertThat(token).matches("[A-Za-z0-9_.-]+").doesNotContain("session-token");
        assertThat(tokens.open(token)).contains(new SigninTokens.Contents(ID, EXP, CONSOLE, "session-token"));
    }

    @Test
    void whenAnyCharacterIsChangedThenItDoesNotOpen() {
        String token = tokens.seal(new SigninTokens.Contents(ID, EXP, CONSOLE, "session-token"));
        for (int i = 0; i < token.length(); i++) {
            // flip the highest of the six bits a base64url character holds: the lowest may be padding
            int value = B64URL.indexOf(token.charAt(i));
            char other = value < 0 ? 'A' : B64URL.charAt(value ^ 32);
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(tokens.open(altered)).as("altered at %d", i).isEmpty();
        }
    }

    @Test
    void whenSealedUnderAnotherRingOrContextThenItDoesNotOpen() {
        String token = new SigninTokens(new SecretSealer(KeyRing.generate(Clock.systemUTC())))
                .seal(new SigninTokens.Contents(ID, EXP, CONSOLE, "s"));
        assertThat(tokens.open(token)).isEmpty();
        String otherContext = sealer.seal("keygate/console-session/v1", "{\"v\":2,\"id\":\"" + ID
                + "\",\"exp\":1,\"cexp\":2,\"st\":\"s\"}");
        assertThat(tokens.open(otherContext)).isEmpty();
    }

    @Test
    void whenALaterVersionAddsFieldsThenTheTokenStillOpens() {
        String later = sealer.seal("keygate/signin-token/v2", "{\"v\":3,\"id\":\"" + ID + "\",\"exp\":"
                + EXP.getEpochSecond() + ",\"cexp\":" + CONSOLE.getEpochSecond() + ",\"st\":\"s\",\"new\":{\"x\":1}}");
        assertThat(tokens.open(later)).contains(new SigninTokens.Contents(ID, EXP, CONSOLE, "s"));
    }

    @Test
    void whenFieldsAreMissingOrOfTheWrongTypeThenItDoesNotOpen() {
        for (String plain : new String[] {"{}", "[]", "\"x\"", "{\"id\":\"" + ID + "\",\"exp\":1,\"cexp\":2}",
                "{\"id\":\"" + ID + "\",\"exp\":\"1\",\"cexp\":2,\"st\":\"s\"}",
                "{\"id\":\"short\",\"exp\":1,\"cexp\":2,\"st\":\"s\"}", "not json"}) {
            assertThat(tokens.open(sealer.seal("keygate/signin-token/v2", plain))).as(plain).isEmpty();
        }
    }

    @Test
    void whenTooLongOrEmptyThenItIsRefusedBeforeDecoding() {
        assertThat(tokens.open("v1." + "a".repeat(SigninTokens.MAX_TOKEN_LENGTH))).isEmpty();
        assertThat(tokens.open("")).isEmpty();
        assertThat(tokens.open(null)).isEmpty();
    }

    @Test
    void whenAskedToSealATokenWithoutItsSessionThenItRefuses() {
        assertThatThrownBy(() -> tokens.seal(new SigninTokens.Contents(ID, EXP, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigninTokens.Contents(ID, EXP, CONSOLE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
