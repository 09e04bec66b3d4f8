package io.keygate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Load-test helper for the {@code assumerolewithwebidentity} run of {@code bench/keygate-load.sh}: a throw-away OIDC
 * provider (an RSA-2048 key, its discovery document and JWKS as static files for any plain HTTP server on loopback)
 * and unsigned AssumeRoleWithWebIdentity requests carrying RS256 tokens it signed, each with its own {@code sub}
 * ({@code bench-workload-<i>}) and {@code jti}.
 *
 * <pre>
 * WebIdentityRequestGenerator idp  --dir D --issuer http://127.0.0.1:18149
 *          writes D/signing-key.json (the private JWK, kept when present), D/www/.well-known/openid-configuration
 *          and D/www/jwks.json: serve D/www (only) at the issuer's root
 *          (python3 -m http.server 18149 --bind 127.0.0.1 --directory D/www)
 * WebIdentityRequestGenerator call --dir D [options]         sends one request; prints the status, then the body
 * WebIdentityRequestGenerator lua  --dir D [options] --out F writes the wrk script F and its bodies F.bodies-0 …
 *
 * options: --endpoint http://127.0.0.1:18081  --role-arn ARN (required)  --audience bench-app
 *          --count 10000  --wrk-threads 2  --valid-minutes 60 (every token's exp)
 * </pre>
 *
 * <p>STS keeps no record of the tokens it accepted (AWS does not either), so a run may send a token again: the
 * script ({@link WrkBodyFiles}) starts over past the last body, and the tokens stay valid for
 * {@code --valid-minutes}, so one set serves every run of a benchmark. Distinct tokens still matter: nothing on the
 * path may skip the signature check for a token seen before.
 */
public final class WebIdentityRequestGenerator {

    static final String USER_AGENT = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12 prompt/off "
            + "command/sts.assume-role-with-web-identity";

    private WebIdentityRequestGenerator() {
    }

    /** Options of one invocation. */
    static final class Options {
        Path dir;
        String issuer;
        URI endpoint = URI.create("http://127.0.0.1:18081");
        String roleArn;
        String audience = "bench-app";
        int count = 10_000;
        int wrkThreads = 2;
        int validMinutes = 60;
        Path out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Options o = parse(args);
        if (o.dir == null) {
            usage();
        }
        switch (args[0]) {
            case "idp" -> idp(o);
            case "call" -> {
                Provider p = Provider.read(o.dir);
                String[] answer = SignedRequestGenerator.sendUnsigned(o.endpoint, "/", headers(),
                        body(o, p, Instant.now(), 0));
                System.out.println(answer[0]);
                System.out.println(answer[1]);
            }
            case "lua" -> {
                if (o.out == null) {
                    usage();
                }
                lua(o);
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: WebIdentityRequestGenerator idp|call|lua --dir D [options] (see the class comment)");
        System.exit(2);
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--dir" -> o.dir = Path.of(value);
                case "--issuer" -> o.issuer = value;
                case "--endpoint" -> o.endpoint = URI.create(value);
                case "--role-arn" -> o.roleArn = value;
                case "--audience" -> o.audience = value;
                case "--count" -> o.count = Integer.parseInt(value);
                case "--wrk-threads" -> o.wrkThreads = Integer.parseInt(value);
                case "--valid-minutes" -> o.validMinutes = Integer.parseInt(value);
                case "--out" -> o.out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.count < 1 || o.wrkThreads < 1 || o.validMinutes < 1) {
            throw new IllegalArgumentException("--count, --wrk-threads and --valid-minutes must be positive");
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------------ the provider

    /** The provider's issuer and private signing key, as {@link #idp} wrote them. */
    record Provider(String issuer, RSAKey key) {

        static Provider read(Path dir) throws IOException {
            try {
                Map<String, Object> discovery = JSONObjectUtils.parse(Files.readString(
                        site(dir).resolve(".well-known/openid-configuration")));
                return new Provider(JSONObjectUtils.getString(discovery, "issuer"),
                        RSAKey.parse(Files.readString(dir.resolve("signing-key.json"))));
            } catch (ParseException e) {
                throw new IOException("unreadable provider in " + dir + " (run 'idp' first)", e);
            }
        }
    }

    /** The directory to serve: the public documents only, not the signing key. */
    static Path site(Path dir) {
        return dir.resolve("www");
    }

    /** Writes the signing key (unless present), the discovery document and the JWKS. */
    static void idp(Options o) throws IOException, JOSEException, ParseException {
        if (o.issuer == null || !o.issuer.startsWith("http")) {
            throw new IllegalArgumentException("--issuer http(s)://host:port is required");
        }
        Files.createDirectories(site(o.dir).resolve(".well-known"));
        Path keyFile = o.dir.resolve("signing-key.json");
        RSAKey key = Files.exists(keyFile) ? RSAKey.parse(Files.readString(keyFile))
                : new RSAKeyGenerator(2048).keyID("bench-" + Long.toString(System.nanoTime(), 36)).generate();
        Files.writeString(keyFile, key.toJSONString());
        String issuer = o.issuer.endsWith("/") ? o.issuer.substring(0, o.issuer.length() - 1) : o.issuer;
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("jwks_uri", issuer + "/jwks.json");
        discovery.put("response_types_supported", List.of("id_token"));
        discovery.put("subject_types_supported", List.of("public"));
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
        Files.writeString(site(o.dir).resolve(".well-known/openid-configuration"),
                JSONObjectUtils.toJSONString(discovery));
        Files.writeString(site(o.dir).resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString(true));
        System.err.println("wrote the provider " + issuer + " (kid " + key.getKeyID() + ") to " + o.dir);
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** Token {@code index}: RS256, its own {@code sub} and {@code jti}, valid from a minute before {@code now}. */
    static String token(Options o, Provider p, Instant now, int index) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(p.issuer()).subject("bench-workload-" + index)
                .audience(o.audience).jwtID("bench-" + now.toEpochMilli() + "-" + index)
                .issueTime(Date.from(now.minusSeconds(60))).notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(o.validMinutes)))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(p.key().getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(p.key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form body of request {@code index}. */
    static String body(Options o, Provider p, Instant now, int index) {
        if (o.roleArn == null) {
            throw new IllegalArgumentException("--role-arn is required");
        }
        return "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn="
                + SignedRequestGenerator.formEncode(o.roleArn) + "&RoleSessionName=bench-webid"
                + "&DurationSeconds=900&WebIdentityToken=" + token(o, p, now, index);
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", SignedRequestGenerator.FORM);
        h.put("User-Agent", USER_AGENT);
        h.put("Accept-Encoding", "identity");
        return h;
    }

    /** Writes the script and its body files: {@code --count} tokens, signed on every core. */
    static void lua(Options o) throws Exception {
        Provider p = Provider.read(o.dir);
        Instant now = Instant.now();
        long bytes = WrkBodyFiles.write(o.out, o.wrkThreads, o.count, i -> body(o, p, now, i));
        Files.writeString(o.out, WrkBodyFiles.script(o.out, o.wrkThreads, "POST", "/", headers(),
                "WebIdentityRequestGenerator", now, o.count + " AssumeRoleWithWebIdentity requests, each with its own"
                        + " RS256 token (valid " + o.validMinutes + " minutes);\na thread starts over past its last"
                        + " line (STS keeps no record of accepted tokens)."), StandardCharsets.UTF_8);
        System.err.println("wrote " + o.count + " AssumeRoleWithWebIdentity requests (form bodies of "
                + bytes / o.count + " bytes on average) to " + o.out);
    }
}
