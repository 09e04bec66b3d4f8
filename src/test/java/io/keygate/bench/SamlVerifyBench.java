package io.keygate.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.opensaml.core.config.InitializationService;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.w3c.dom.Element;

import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlSettings;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;
import io.keygate.support.TestSamlResponses;

/**
 * The crypto bound of issue 9 item 7: what OpenSAML alone needs to read and verify a typical signed 8 KB response
 * (RSA-SHA256 over the Assertion, {@link SamlBenchResponses}) — base64 decode, parse with OpenSAML's parser pool,
 * unmarshal, the SAML signature profile check and the RSA-SHA256 verification with the metadata certificate
 * ({@code openSamlUnmarshalAndVerify}). AssumeRoleWithSAML's throughput goal is at least 50 % of one core's
 * {@code 1 / openSamlUnmarshalAndVerify} times the cores, on the same machine. {@code keygatePipeline} runs Keygate's
 * whole validation pipeline on the same response (every check but replay, which needs the store), for comparison.
 *
 * <p>Run (as the other benchmarks; see docs/benchmarks.md):
 * <pre>
 * mvn -o -X test-compile | sed -n 's/.*(f) testPath = \[\(.*\)\]$/\1/p' | head -1 | sed 's/, /:/g' &gt; /tmp/cp.txt
 * java -cp $(cat /tmp/cp.txt) org.openjdk.jmh.Main SamlVerifyBench -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SamlVerifyBench {

    static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/bench-idp";
    static final String ROLE = "arn:aws:iam::123456789012:role/bench-saml-role";

    private String encoded;
    private BasicX509Credential credential;
    private SamlResponseValidator validator;
    private SamlTrust trust;

    @Setup
    public void setUp() throws Exception {
        InitializationService.initialize();
        TestSamlResponses.IdpKey idp = TestSamlResponses.IDP;
        SamlSettings settings = SamlSettings.forPublicUrl("http://localhost:8080");
        // valid for a day: a long benchmark run must not see it expire
        SamlBenchResponses.Spec spec = new SamlBenchResponses.Spec(TestSamlResponses.ISSUER, settings.acsUrl(), ROLE,
                PROVIDER, Duration.ofDays(1), SamlBenchResponses.TYPICAL_BYTES);
        String xml = SamlBenchResponses.signed(spec, idp, Instant.now(), SamlBenchResponses.groupsFor(spec, idp));
        encoded = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
        credential = new BasicX509Credential(idp.certificate());
        validator = new SamlResponseValidator(settings, Clock.systemUTC(), null);
        trust = new SamlTrust(PROVIDER, "123456789012", "bench-idp", TestSamlResponses.ISSUER,
                List.of(idp.certificate()), false, List.of());
        openSamlUnmarshalAndVerify();
        keygatePipeline();
    }

    @Benchmark
    public Assertion openSamlUnmarshalAndVerify() throws Exception {
        byte[] xml = Base64.getDecoder().decode(encoded);
        Element root = XMLObjectProviderRegistrySupport.getParserPool().parse(new ByteArrayInputStream(xml))
                .getDocumentElement();
        Response response = (Response) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                .getUnmarshaller(root).unmarshall(root);
        Assertion assertion = response.getAssertions().get(0);
        new SAMLSignatureProfileValidator().validate(assertion.getSignature());
        SignatureValidator.validate(assertion.getSignature(), credential);
        return assertion;
    }

    @Benchmark
    public VerifiedAssertion keygatePipeline() {
        return validator.validate(encoded, issuer -> Optional.of(trust));
    }
}
