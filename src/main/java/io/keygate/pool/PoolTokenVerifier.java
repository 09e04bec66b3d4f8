package io.keygate.pool;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.federation.oidc.CompactJws;
import io.keygate.federation.oidc.TokenParser;
import io.keygate.issuer.IssuerKeys;
import io.keygate.sts.BuiltInProviders;

/**
 * The basic (classic) flow's half in STS: AssumeRoleWithWebIdentity accepts a GetOpenIdToken token when its
 * {@code iss} is Keygate's pool issuer ({@code <issuer base>/cognito-identity}), its signature verifies with a key
 * Keygate publishes ({@link IssuerKeys#published()}, RS256 or ES384, by {@code kid}), it has not expired, its
 * {@code aud} is an identity pool that allows the classic flow and its {@code sub} an identity of that pool. The
 * identity then takes the shared federated path as the {@code Federated} principal
 * {@code cognito-identity.amazonaws.com} with the {@code :aud}, {@code :sub} and {@code :amr} keys, and only roles
 * of the pool's account. Tokens of other issuers are not looked at. The same token sent to GetCredentialsForIdentity
 * as the {@code Logins} entry {@code cognito-identity.amazonaws.com} is checked by {@link #login} (issuer,
 * signature, expiry; the caller then matches pool and identity). Thread-safe.
 */
public final class PoolTokenVerifier implements BuiltInProviders {

    /** The pool issuer's path under the issuer base URL. */
    public static final String ISSUER_PATH = "/cognito-identity";

    private final String issuer;
    private final IssuerKeys keys;
    private final IdentityPoolRepository pools;
    private final Clock clock;
    private final Duration skew;

    public PoolTokenVerifier(String issuerBase, IssuerKeys keys, IdentityPoolRepository pools, Clock clock,
                             Duration skew) {
        this.issuer = issuerBase + ISSUER_PATH;
        this.keys = keys;
        this.pools = pools;
        this.clock = clock;
        this.skew = skew;
    }

    /**
     * A pool token as a {@code Logins} entry: what it was issued for.
     *
     * @param poolId     its {@code aud}
     * @param identityId its {@code sub}
     * @param amr        its {@code amr}
     */
    public record PoolLogin(String poolId, String identityId, List<String> amr) {
    }

    /**
     * Checks a pool token sent as a login: Keygate's pool issuer, a published key's signature, not expired.
     *
     * @throws FederationRejectedException InvalidIdentityToken or ExpiredTokenException
     */
    public PoolLogin login(String token) {
        JWTClaimsSet claims = issued(token).orElseThrow(() -> invalid("The token was not issued by Keygate's "
                + "identity pool issuer."));
        List<String> audiences = claims.getAudience();
        if (audiences == null || audiences.size() != 1 || claims.getSubject() == null) {
            throw invalid("The identity pool token names no identity.");
        }
        return new PoolLogin(audiences.get(0), claims.getSubject(), amr(claims));
    }

    @Override
    public Optional<Verified> verify(String token, String roleSessionName, Caller caller) {
        Optional<JWTClaimsSet> issued = issued(token);
        if (issued.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims = issued.get();
        List<String> audiences = claims.getAudience();
        String poolId = audiences == null || audiences.size() != 1 ? null : audiences.get(0);
        IdentityPool pool = (poolId == null ? Optional.<IdentityPool>empty() : pools.find(poolId))
                .orElseThrow(() -> invalid("The token's audience is not an identity pool."));
        if (!pool.allowClassicFlow()) {
            throw invalid("Basic (classic) flow is not enabled for the identity pool " + pool.identityPoolId() + ".");
        }
        String identityId = claims.getSubject();
        if (identityId == null || pools.identity(identityId).filter(i -> i.poolId().equals(pool.identityPoolId()))
                .isEmpty()) {
            throw invalid("The token's subject is not an identity of the identity pool.");
        }
        return Optional.of(new Verified(IdentityCredentials.federated(pool, identityId, amr(claims),
                roleSessionName), IdentityCredentials.COGNITO, pool.identityPoolId()));
    }

    /**
     * The claims of a token of Keygate's pool issuer whose signature and expiry check; empty for a token of another
     * issuer (or none at all), which is not this verifier's to judge.
     */
    private Optional<JWTClaimsSet> issued(String token) {
        if (token == null || token.length() > 20_000) {
            return Optional.empty();
        }
        CompactJws jwt;
        JWTClaimsSet claims;
        try {
            // AssumeRoleWithWebIdentity's OIDC pipeline looks at the same token next: one parse for both.
            jwt = TokenParser.parse(token);
            claims = jwt.claims();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
        if (!issuer.equals(claims.getIssuer())) {
            return Optional.empty();
        }
        checkSignature(jwt);
        Date exp = claims.getExpirationTime();
        Instant now = clock.instant();
        if (exp == null || !exp.toInstant().plus(skew).isAfter(now)) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException, "Token expired: the identity "
                    + "pool token is no longer valid.");
        }
        return Optional.of(claims);
    }

    private static List<String> amr(JWTClaimsSet claims) {
        List<String> amr = new ArrayList<>();
        Object claim = claims.getClaim("amr");
        if (claim instanceof List<?> list) {
            list.forEach(v -> amr.add(String.valueOf(v)));
        }
        return amr;
    }

    private void checkSignature(CompactJws jwt) {
        JWSAlgorithm alg = jwt.header().getAlgorithm();
        String kid = jwt.header().getKeyID();
        if (!IssuerKeys.ALGORITHMS.contains(alg) || kid == null) {
            throw invalid("The identity pool token is not signed as Keygate signs.");
        }
        JWK key = keys.published().getKeyByKeyId(kid);
        if (key == null) {
            throw invalid("The identity pool token's key is not one Keygate publishes.");
        }
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                    : new ECDSAVerifier((ECKey) key);
            if (!verifier.verify(jwt.header(), jwt.signingInput(), jwt.signature())) {
                throw invalid("The identity pool token's signature is not valid.");
            }
        } catch (JOSEException | RuntimeException e) {
            throw invalid("The identity pool token's signature is not valid.");
        }
    }

    private static FederationRejectedException invalid(String message) {
        return new FederationRejectedException(AwsErrorCode.InvalidIdentityToken, message);
    }
}
