package io.keygate.bench;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import io.keygate.credentials.BenchSupport;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;
import java.text.ParseException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Session token costs for the typical AssumeRole token (1 KB session policy, three tags, MFA, source identity).
 * {@code decodeCold} always decrypts; {@code decodeWarm} hits the decoded-token cache. The {@code nimbusZip*}
 * pair is the alternative the codec did not take (Nimbus compressing through the {@code zip: DEF} header), kept
 * for comparison ({@code nimbusZipDecrypt} stops at the inflated bytes, without parsing claims).
 *
 * <p>Run (offline {@code dependency:build-classpath} does not resolve on the build machine, so the test class path
 * is taken from Maven's debug output):
 * <pre>
 * mvn -o -X test-compile | grep '(f) testPath = ' | cut -d[ -f2 | cut -d] -f1 | sed 's/, /:/g' &gt; /tmp/cp.txt
 * java -cp $(cat /tmp/cp.txt) org.openjdk.jmh.Main SessionTokenBench -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SessionTokenBench {

    private SessionTokenCodec codec;
    private SessionClaims claims;
    private String token;
    private byte[] json;
    private JWEHeader zipHeader;
    private DirectEncrypter encrypter;
    private DirectDecrypter decrypter;
    private String nimbusZipToken;

    @Setup
    public void setUp() throws JOSEException {
        KeyRing ring = KeyRing.generate(Clock.systemUTC());
        codec = new SessionTokenCodec(ring);
        claims = BenchSupport.typicalClaims();
        token = codec.encode(claims);
        codec.decode(token); // fills the cache for decodeWarm
        json = BenchSupport.claimsJson(claims);
        zipHeader = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(ring.activeKid()).compressionAlgorithm(CompressionAlgorithm.DEF).build();
        encrypter = new DirectEncrypter(ring.activeKey());
        decrypter = new DirectDecrypter(ring.activeKey());
        nimbusZipToken = nimbusZipEncode();
        System.out.printf("%ntoken %d chars (own DEFLATE), %d chars (Nimbus zip=DEF), claims JSON %d bytes%n",
                token.length(), nimbusZipToken.length(), json.length);
    }

    @Benchmark
    public String encode() {
        return codec.encode(claims);
    }

    @Benchmark
    public SessionClaims decodeCold() {
        return codec.decodeUncached(token);
    }

    @Benchmark
    public SessionClaims decodeWarm() {
        return codec.decode(token);
    }

    @Benchmark
    public String nimbusZipEncode() throws JOSEException {
        JWEObject jwe = new JWEObject(zipHeader, new Payload(json));
        jwe.encrypt(encrypter);
        return jwe.serialize();
    }

    @Benchmark
    public byte[] nimbusZipDecrypt() throws JOSEException, ParseException {
        JWEObject jwe = JWEObject.parse(nimbusZipToken);
        jwe.decrypt(decrypter);
        return jwe.getPayload().toBytes();
    }
}
