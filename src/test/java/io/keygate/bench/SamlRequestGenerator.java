package io.keygate.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.keygate.support.TestSamlResponses;

/**
 * Load-test helper for the {@code assumerolewithsaml} and {@code saml_signin} runs of {@code bench/keygate-load.sh}:
 * a throw-away IdP that signs typical 8 KB SAML responses ({@link SamlBenchResponses}: RSA-SHA256 over the
 * Assertion) and the unsigned requests that carry them, to STS ({@code --target sts}: AssumeRoleWithSAML on
 * {@code POST /}) or to the console's ACS ({@code --target console}: {@code POST /saml} with {@code SAMLResponse}, as
 * the IdP's browser form posts it; one role, so the answer is a 302 into the console). Every request has its own
 * Response and Assertion ID, so the replay check stays on: an assertion is accepted once per role, and a second use
 * is refused.
 *
 * <pre>
 * SamlRequestGenerator idp  --dir D [--issuer URL]    writes D/idp-key.pem, D/idp-cert.pem (kept when present) and
 *                                                     D/idp-metadata.xml for CreateSAMLProvider
 * SamlRequestGenerator call --dir D [options]         sends one AssumeRoleWithSAML; prints the status, then the body
 * SamlRequestGenerator lua  --dir D [options] --out F writes the wrk script F and its request bodies F.bodies-0 …
 *                                                     F.bodies-(T-1), one form body per line, one file per wrk thread
 *
 * options: --endpoint http://127.0.0.1:18081  --role-arn ARN  --provider-arn ARN (both required)
 *          --acs http://localhost:8080/saml (Keygate's ACS and entity id: &lt;public-url&gt;/saml)
 *          --issuer https://idp.bench.example/saml  --count 30000  --wrk-threads 2  --bytes 8192
 *          --valid-minutes 30 (every assertion's NotOnOrAfter)  --target sts|console
 * </pre>
 *
 * <p>wrk cannot sign, so the script reads pre-signed bodies ({@link WrkBodyFiles}): wrk thread {@code t} sends
 * the lines of {@code F.bodies-t} in order, once each. Write at least as many requests as a run sends (rps × duration): past the
 * end a thread starts over, and those replays are refused (non-2xx), which marks the run invalid. Signing runs on
 * every core, before wrk starts; regenerate before each run (the assertions expire after {@code --valid-minutes}).
 */
public final class SamlRequestGenerator {

    static final String USER_AGENT = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12 prompt/off "
            + "command/sts.assume-role-with-saml";
    static final String BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** Where the responses go. */
    enum Target {
        /** AssumeRoleWithSAML, as the AWS CLI sends it. */
        STS("/", "AssumeRoleWithSAML", USER_AGENT),
        /** The console's ACS, as the IdP's auto-submitting form makes a browser post it. */
        CONSOLE("/saml", "POST /saml", BROWSER_AGENT);

        final String path;
        final String label;
        final String userAgent;

        Target(String path, String label, String userAgent) {
            this.path = path;
            this.label = label;
            this.userAgent = userAgent;
        }
    }

    private SamlRequestGenerator() {
    }

    /** Options of one invocation. */
    static final class Options {
        Path dir;
        URI endpoint = URI.create("http://127.0.0.1:18081");
        String roleArn;
        String providerArn;
        String acs = "http://localhost:8080/saml";
        String issuer = "https://idp.bench.example/saml";
        int count = 30_000;
        int wrkThreads = 2;
        int bytes = SamlBenchResponses.TYPICAL_BYTES;
        int validMinutes = 30;
        Path out;
        Target target = Target.STS;

        SamlBenchResponses.Spec spec() {
            if (roleArn == null || providerArn == null) {
                throw new IllegalArgumentException("--role-arn and --provider-arn are required");
            }
            return new SamlBenchResponses.Spec(issuer, acs, roleArn, providerArn, Duration.ofMinutes(validMinutes),
                    bytes);
        }
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
                TestSamlResponses.IdpKey key = key(o.dir);
                String body = body(o, SamlBenchResponses.signed(o.spec(), key, Instant.now(),
                        SamlBenchResponses.groupsFor(o.spec(), key)));
                String[] answer = SignedRequestGenerator.sendUnsigned(o.endpoint, o.target.path, headers(o), body);
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
        System.err.println("usage: SamlRequestGenerator idp|call|lua --dir D [options] (see the class comment)");
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
                case "--endpoint" -> o.endpoint = URI.create(value);
                case "--role-arn" -> o.roleArn = value;
                case "--provider-arn" -> o.providerArn = value;
                case "--acs" -> o.acs = value;
                case "--issuer" -> o.issuer = value;
                case "--count" -> o.count = Integer.parseInt(value);
                case "--wrk-threads" -> o.wrkThreads = Integer.parseInt(value);
                case "--bytes" -> o.bytes = Integer.parseInt(value);
                case "--valid-minutes" -> o.validMinutes = Integer.parseInt(value);
                case "--out" -> o.out = Path.of(value);
                case "--target" -> o.target = Target.valueOf(value.toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.count < 1 || o.wrkThreads < 1 || o.bytes < 1 || o.validMinutes < 1) {
            throw new IllegalArgumentException("--count, --wrk-threads, --bytes and --valid-minutes must be positive");
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------------ the IdP

    /** Writes the IdP key and certificate (unless present) and its metadata. */
    static void idp(Options o) throws IOException {
        Files.createDirectories(o.dir);
        TestSamlResponses.IdpKey key;
        if (Files.exists(o.dir.resolve("idp-key.pem"))) {
            key = key(o.dir);
        } else {
            key = TestSamlResponses.newKey("CN=Keygate bench IdP (throw-away)");
            Files.writeString(o.dir.resolve("idp-key.pem"), key.privateKeyPem());
            Files.writeString(o.dir.resolve("idp-cert.pem"), key.certificatePem());
        }
        Files.writeString(o.dir.resolve("idp-metadata.xml"), TestSamlResponses.metadata(o.issuer, key));
        System.err.println("wrote " + o.dir.resolve("idp-metadata.xml") + " (entity id " + o.issuer + ")");
    }

    static TestSamlResponses.IdpKey key(Path dir) throws IOException {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(dir.resolve("idp-cert.pem"))));
            String pem = Files.readString(dir.resolve("idp-key.pem")).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new TestSamlResponses.IdpKey(new KeyPair(cert.getPublicKey(), key), cert);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("unreadable IdP key in " + dir + " (run 'idp' first)", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    /** The form body of one request carrying {@code xml}, for {@code o.target}. */
    static String body(Options o, String xml) {
        String response = SignedRequestGenerator.formEncode(Base64.getEncoder().encodeToString(
                xml.getBytes(StandardCharsets.UTF_8)));
        if (o.target == Target.CONSOLE) {
            return "SAMLResponse=" + response;
        }
        return "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn="
                + SignedRequestGenerator.formEncode(o.roleArn) + "&PrincipalArn="
                + SignedRequestGenerator.formEncode(o.providerArn) + "&SAMLAssertion=" + response;
    }

    private static Map<String, String> headers(Options o) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", o.target == Target.CONSOLE ? "application/x-www-form-urlencoded"
                : SignedRequestGenerator.FORM);
        h.put("User-Agent", o.target.userAgent);
        h.put("Accept-Encoding", "identity");
        return h;
    }

    /** Writes the script and the per-thread body files; signs on every core, request i to thread i % T. */
    static void lua(Options o) throws Exception {
        TestSamlResponses.IdpKey key = key(o.dir);
        SamlBenchResponses.Spec spec = o.spec();
        int groups = SamlBenchResponses.groupsFor(spec, key);
        Instant now = Instant.now();
        long bytes = WrkBodyFiles.write(o.out, o.wrkThreads, o.count,
                i -> body(o, SamlBenchResponses.signed(spec, key, now, groups)));
        Files.writeString(o.out, WrkBodyFiles.script(o.out, o.wrkThreads, "POST", o.target.path, headers(o),
                "SamlRequestGenerator", now, o.count + " " + o.target.label + " requests, each with its own assertion"
                        + " (valid " + o.validMinutes + " minutes, usable once):\nregenerate before each run; past"
                        + " the last line a thread sends replays, which are refused (non-2xx)."),
                StandardCharsets.UTF_8);
        System.err.println("wrote " + o.count + " " + o.target.label + " requests (form bodies of " + bytes / o.count
                + " bytes on average, " + groups + " group values) to " + o.out + " and " + o.wrkThreads
                + " body files " + WrkBodyFiles.bodies(o.out, 0).getFileName() + " …");
    }
}
