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

/**
 * One parse per token text and thread; another text, or another thread, parses anew. Headers of equal text share one
 * parse; the parts are exactly the token's.
 */
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
        CompactJws first = TokenParser.parse(a);
        assertThat(TokenParser.parse(new String(a.toCharArray()))).isSameAs(first);
        assertThat(first.claims().getSubject()).isEqualTo("a");
    }

    @Test
    void parseWhenOtherTextThenItsOwnClaims() throws Exception {
        String a = token("a");
        String b = token("b");
        CompactJws first = TokenParser.parse(a);
        CompactJws second = TokenParser.parse(b);
        assertThat(second).isNotSameAs(first);
        assertThat(second.claims().getSubject()).isEqualTo("b");
        assertThat(TokenParser.parse(a).claims().getSubject()).isEqualTo("a");
    }

    @Test
    void parseWhenOtherThreadThenItsOwnParse() throws Exception {
        String a = token("a");
        CompactJws mine = TokenParser.parse(a);
        CompactJws theirs = CompletableFuture.supplyAsync(() -> {
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

    @Test
    void parseWhenTwoTokensShareTheirHeaderTextThenOneHeaderParse() throws Exception {
        CompactJws a = TokenParser.parse(token("a"));
        CompactJws b = TokenParser.parse(token("b"));
        assertThat(b.header()).isSameAs(a.header());
        assertThat(b.header().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    }

    @Test
    void parseWhenHeaderDiffersThenItsOwnHeader() throws Exception {
        SignedJWT other = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k2").build(),
                new JWTClaimsSet.Builder().subject("c").build());
        other.sign(new MACSigner(new byte[32]));
        CompactJws a = TokenParser.parse(token("a"));
        CompactJws c = TokenParser.parse(other.serialize());
        assertThat(c.header().getKeyID()).isEqualTo("k2");
        assertThat(a.header().getKeyID()).isNull();
    }

    @Test
    void parseWhenManyDistinctHeadersThenKeptHeadersStayBounded() throws Exception {
        for (int i = 0; i < TokenParser.MAX_HEADERS + 10; i++) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("kid-" + i).build(),
                    new JWTClaimsSet.Builder().subject("s").build());
            jwt.sign(new MACSigner(new byte[32]));
            assertThat(TokenParser.parse(jwt.serialize()).header().getKeyID()).isEqualTo("kid-" + i);
        }
        assertThat(TokenParser.headersKept()).isLessThanOrEqualTo(TokenParser.MAX_HEADERS);
    }

    @Test
    void parseThenSigningInputAndSignatureAreTheTokensOwnParts() throws Exception {
        String a = token("a");
        CompactJws jws = TokenParser.parse(a);
        assertThat(new String(jws.signingInput(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(a.substring(0, a.lastIndexOf('.')));
        assertThat(jws.signature().toString()).isEqualTo(a.substring(a.lastIndexOf('.') + 1));
        assertThat(jws.serialized()).isEqualTo(a);
    }

    @Test
    void parseWhenPayloadIsNotUrlSafeBase64EncodedThenRefused() throws Exception {
        SignedJWT unencoded = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).base64URLEncodePayload(false)
                .criticalParams(java.util.Set.of("b64")).build(), new JWTClaimsSet.Builder().subject("u").build());
        unencoded.sign(new MACSigner(new byte[32]));
        String parts = unencoded.serialize();
        assertThatThrownBy(() -> TokenParser.parse(parts)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> TokenParser.parse("a.b.c.d")).isInstanceOf(ParseException.class);
    }

    @Test
    void claimsWhenPayloadHasACharacterOutsideBase64UrlThenParseException() throws Exception {
        String a = token("a");
        int firstDot = a.indexOf('.');
        String altered = a.substring(0, firstDot + 1) + "*" + a.substring(firstDot + 1);
        CompactJws jws = TokenParser.parse(altered);
        assertThatThrownBy(jws::claims).isInstanceOf(ParseException.class);
        assertThat(TokenParser.parse(a).claims().getSubject()).isEqualTo("a");
    }

    @Test
    void parseWhenSignatureHasACharacterOutsideBase64UrlThenParseException() throws Exception {
        String a = token("a");
        int cut = a.lastIndexOf('.') + 10;
        assertThatThrownBy(() -> TokenParser.parse(a.substring(0, cut) + "*" + a.substring(cut)))
                .isInstanceOf(ParseException.class);
        assertThat(TokenParser.parse(a).signatureBytes()).hasSize(32);
    }
}
