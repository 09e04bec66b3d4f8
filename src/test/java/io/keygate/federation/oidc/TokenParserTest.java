package io.keygate.federation.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** One parse per token text and thread; another text, or another thread, parses anew. */
class TokenParserTest {

    private static String token(String sub) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(sub)
                .build());
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }

    @Test
    void parseWhenSameTextAgainThenSameParse() throws Exception {
        String a = token("a");
        SignedJWT first = TokenParser.parse(a);
        assertThat(TokenParser.parse(new String(a.toCharArray()))).isSameAs(first);
        assertThat(first.getJWTClaimsSet().getSubject()).isEqualTo("a");
    }

    @Test
    void parseWhenOtherTextThenItsOwnClaims() throws Exception {
        String a = token("a");
        String b = token("b");
        SignedJWT first = TokenParser.parse(a);
        SignedJWT second = TokenParser.parse(b);
        assertThat(second).isNotSameAs(first);
        assertThat(second.getJWTClaimsSet().getSubject()).isEqualTo("b");
        assertThat(TokenParser.parse(a).getJWTClaimsSet().getSubject()).isEqualTo("a");
    }

    @Test
    void parseWhenOtherThreadThenItsOwnParse() throws Exception {
        String a = token("a");
        SignedJWT mine = TokenParser.parse(a);
        SignedJWT theirs = CompletableFuture.supplyAsync(() -> {
            try {
                return TokenParser.parse(a);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }).get();
        assertThat(theirs).isNotSameAs(mine);
    }

    @Test
    void parseWhenNotCompactJwsThenParseException() throws Exception {
        TokenParser.parse(token("a"));
        assertThatThrownBy(() -> TokenParser.parse("not.a-token")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> TokenParser.parse("eyJhbGciOiJub25lIn0.e30.")).isInstanceOf(ParseException.class);
    }
}
