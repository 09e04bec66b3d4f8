package io.keygate.federation.saml;

import static io.keygate.support.TestSamlResponses.ATTACKER;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.keygate.support.TestSamlResponses.ISSUER;
import static io.keygate.support.TestSamlResponses.RSA_SHA1;
import static io.keygate.support.TestSamlResponses.RSA_SHA256;
import static io.keygate.support.TestSamlResponses.encode;
import static io.keygate.support.TestSamlResponses.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.keygate.credentials.SpKeys;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.support.TestSamlResponses;

/**
 * The SAML pipeline against the threats of THREATS.md, each attack beside a valid control: signature wrapping
 * (XSW1–8), stripped and foreign signatures, comment injection, DTD/XXE/entity expansion, two assertions, wrong
 * audience/recipient/issuer/destination, time windows, replay, oversized, broken base64 and deflated input; plus
 * both signers (OpenSAML and the independent xmlsec1), encrypted assertions, and SHA-1 policy.
 */
class SamlResponseValidatorTest {

    static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/Corp";
    static final String ROLE = "arn:aws:iam::111122223333:role/dev";
    static final String SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final SpKeys SP = SpKeys.generate(Clock.systemUTC());

    private final SamlSettings settings = SamlSettings.forPublicUrl("http://localhost:8080");
    private final MapEntries replays = new MapEntries();
    private final SamlResponseValidator validator = new SamlResponseValidator(settings, Clock.systemUTC(), replays);

    static SamlTrust trust(boolean encryptionRequired) {
        return new SamlTrust(PROVIDER, "111122223333", "Corp", ISSUER, List.of(IDP.certificate()), encryptionRequired,
                SP.privateKeys());
    }

    static Function<String, Optional<SamlTrust>> providers() {
        return issuer -> Optional.of(trust(false));
    }

    private static TestSamlResponses.Builder response() {
        return TestSamlResponses.builder().role(ROLE, PROVIDER);
    }

    private VerifiedAssertion valid(String xml) {
        return validator.validate(encode(xml), providers());
    }

    private void refused(String xml, AwsErrorCode code, String messagePart) {
        refusedEncoded(encode(xml), code, messagePart);
    }

    private void refusedEncoded(String encoded, AwsErrorCode code, String messagePart) {
        assertThatThrownBy(() -> validator.validate(encoded, providers()))
                .isInstanceOfSatisfying(KeygateException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    // ------------------------------------------------------------------------------------------------ controls

    @Test
    void validateWhenAssertionSignedThenSubjectRolesAndAwsKeys() {
        VerifiedAssertion a = valid(response().signedAssertion());

        assertThat(a.subject()).isEqualTo("alice@example.com");
        assertThat(a.subjectType()).isEqualTo("persistent");
        assertThat(a.roles()).containsExactly(new RolePair(ROLE, PROVIDER));
        assertThat(a.issuer()).isEqualTo(ISSUER);
        assertThat(a.recipient()).isEqualTo(settings.acsUrl());
        assertThat(a.conditionKeys()).containsEntry("saml:aud", List.of(settings.acsUrl()))
                .containsEntry("saml:doc", List.of("111122223333/Corp"))
                .containsEntry("saml:sub_type", List.of("persistent"));
        assertThat(a.sessionKeys()).containsEntry("saml:sub", "alice@example.com");
    }

    @Test
    void nameQualifierIsBase64OfSha1OfIssuerAccountAndProviderName() throws Exception {
        VerifiedAssertion a = valid(response().signedAssertion());
        String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((ISSUER + "111122223333/Corp").getBytes(StandardCharsets.UTF_8)));

        assertThat(a.nameQualifier()).isEqualTo(expected);
    }

    @Test
    void validateWhenResponseOrBothSignedThenAccepted() {
        String xml = response().xml();
        assertThat(valid(sign(xml, IDP, true, false, RSA_SHA256)).subject()).isEqualTo("alice@example.com");
        assertThat(valid(sign(response().xml(), IDP, true, true, RSA_SHA256)).subject())
                .isEqualTo("alice@example.com");
    }

    @Test
    void validateWhenSignedByXmlsec1ThenAccepted() throws Exception {
        assumeTrue(TestSamlResponses.xmlsec1Available() || "true".equals(System.getenv("CI")),
                "xmlsec1 not installed (.ci/run installs it)");
        String signed = TestSamlResponses.signWithXmlsec1(response().xml(), IDP);

        assertThat(valid(signed).subject()).isEqualTo("alice@example.com");
        refused(signed.replace("alice@example.com", "mallory@example.com"), AwsErrorCode.InvalidIdentityToken,
                "signature invalid");
    }

    @Test
    void validateWhenEncryptedToTheSpKeyThenDecryptedAndChecked() {
        String encrypted = TestSamlResponses.encrypt(response().signedAssertion(), SP.current().certificate());

        VerifiedAssertion a = valid(encrypted);

        assertThat(a.encrypted()).isTrue();
        assertThat(a.subject()).isEqualTo("alice@example.com");
        // A response-level signature over the ciphertext works too.
        String outer = sign(TestSamlResponses.encrypt(response().xml(), SP.current().certificate()), IDP, true, false,
                RSA_SHA256);
        assertThat(valid(outer).encrypted()).isTrue();
    }

    @Test
    void validateWhenEncryptedToAnotherKeyOrRequiredButPlainThenRefused() {
        SpKeys other = SpKeys.generate(Clock.systemUTC());
        refused(TestSamlResponses.encrypt(response().signedAssertion(), other.current().certificate()),
                AwsErrorCode.InvalidIdentityToken, "could not be decrypted");
        assertThatThrownBy(() -> validator.validate(encode(response().signedAssertion()),
                issuer -> Optional.of(trust(true))))
                .hasMessageContaining("requires encrypted assertions");
    }

    // ------------------------------------------------------------------------------------------------ signatures

    @Test
    void validateWhenSignatureStrippedThenRefused() {
        Document doc = parse(response().signedAssertion());
        remove(doc.getElementsByTagNameNS(DSIG_NS, "Signature").item(0));

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "Neither the Response nor the Assertion is signed");
    }

    @Test
    void validateWhenSignedContentChangedThenRefused() {
        String signed = response().signedAssertion();

        refused(signed.replace("alice@example.com", "mallory@example.com"), AwsErrorCode.InvalidIdentityToken,
                "Assertion signature invalid");
    }

    @Test
    void validateWhenSignedByAKeyNotInTheMetadataThenRefusedEvenWithItsCertificateInKeyInfo() {
        String forged = sign(response().xml(), ATTACKER, false, true, RSA_SHA256);

        assertThat(forged.replaceAll("\\s", "")).contains(ATTACKER.certificateBase64());
        refused(forged, AwsErrorCode.InvalidIdentityToken, "no signing certificate of the SAML provider");
    }

    @Test
    void validateWhenTheMetadataListsTwoSigningCertificatesThenEitherVerifies() {
        // an IdP mid-rotation: the old certificate first, the new one second, and the other way round
        Function<String, Optional<SamlTrust>> rotating = issuer -> Optional.of(new SamlTrust(PROVIDER, "111122223333",
                "Corp", ISSUER, List.of(ATTACKER.certificate(), IDP.certificate()), false, SP.privateKeys()));
        assertThat(validator.validate(encode(response().signedAssertion()), rotating).subject())
                .isEqualTo("alice@example.com");
        assertThat(validator.validate(encode(sign(response().xml(), ATTACKER, false, true, RSA_SHA256)), rotating)
                .subject()).isEqualTo("alice@example.com");
        Function<String, Optional<SamlTrust>> otherOnly = issuer -> Optional.of(new SamlTrust(PROVIDER, "111122223333",
                "Corp", ISSUER, List.of(ATTACKER.certificate(), TestSamlResponses.newKey("CN=Old").certificate()), false,
                SP.privateKeys()));
        assertThatThrownBy(() -> validator.validate(encode(response().signedAssertion()), otherOnly))
                .hasMessageContaining("no signing certificate of the SAML provider");
    }

    @Test
    void validateWhenSha1ThenRefusedUnlessEnabled() {
        String sha1 = sign(response().xml(), IDP, false, true, RSA_SHA1);

        refused(sha1, AwsErrorCode.InvalidIdentityToken, "SHA-1 is refused unless enabled");
        SamlSettings lenient = new SamlSettings(settings.entityId(), settings.acsUrl(), Set.of(), Set.of(),
                Duration.ofSeconds(60), true, SamlSettings.AWS_MAX_RESPONSE_CHARS);
        assertThat(new SamlResponseValidator(lenient, Clock.systemUTC(), replays).validate(encode(sha1), providers())
                .subject()).isEqualTo("alice@example.com");
    }

    @Test
    void validateWhenCommentInjectedIntoNameIdThenTheWholeValueIsRead() {
        TestSamlResponses.Builder b = response();
        b.subject = "bob@example.com.evil.com";
        String signed = b.signedAssertion();
        String injected = signed.replace("bob@example.com.evil.com", "bob@example.com<!---->.evil.com");

        assertThat(injected).contains("<!---->");
        assertThat(valid(injected).subject()).isEqualTo("bob@example.com.evil.com");
    }

    // ------------------------------------------------------------------------------------------------ XSW1–XSW8

    /** XSW1: a forged Response wraps the signed original inside its Signature; the forged one names a new ID. */
    @Test
    void xsw1ForgedResponseWithOriginalInsideSignatureIsRefused() {
        String signed = sign(response().xml(), IDP, true, false, RSA_SHA256);
        Document doc = parse(signed);
        Element original = doc.getDocumentElement();
        Element evil = (Element) original.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        setSubject(evil, "mallory@example.com");
        Element sig = firstChild(evil, DSIG_NS, "Signature");
        removeChildren(sig, DSIG_NS, "SignatureValue");
        sig.appendChild(original);
        Document forged = replaceRoot(doc, evil);

        assertThat(valid(signed).subject()).isEqualTo("alice@example.com");
        refused(serialize(forged), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW2: as XSW1, the original Response a detached sibling before the forged content. */
    @Test
    void xsw2ForgedResponseWithOriginalAsDetachedSiblingIsRefused() {
        Document doc = parse(sign(response().xml(), IDP, true, false, RSA_SHA256));
        Element original = doc.getDocumentElement();
        Element evil = (Element) original.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        setSubject(evil, "mallory@example.com");
        Element sig = firstChild(evil, DSIG_NS, "Signature");
        evil.insertBefore(original, sig);

        refused(serialize(replaceRoot(doc, evil)), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW3: a forged Assertion placed before the signed one. */
    @Test
    void xsw3ForgedAssertionBeforeTheSignedOneIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        original.getParentNode().insertBefore(evil, original);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW4: a forged Assertion wrapping the signed one. */
    @Test
    void xsw4ForgedAssertionWrappingTheSignedOneIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        original.getParentNode().replaceChild(evil, original);
        evil.appendChild(original);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW5: the signature moved into the forged Assertion, the signed original appended to the Response. */
    @Test
    void xsw5SignatureMovedToForgedAssertionIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        Element sig = firstChild(original, DSIG_NS, "Signature");
        evil.insertBefore(sig, firstChild(evil, SAML_NS, "Subject"));
        original.getParentNode().replaceChild(evil, original);
        doc.getDocumentElement().appendChild(original);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW6: as XSW5, the original inside the moved signature. */
    @Test
    void xsw6OriginalInsideTheMovedSignatureIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        Element sig = (Element) firstChild(original, DSIG_NS, "Signature").cloneNode(true);
        removeChildren(evil, DSIG_NS, "Signature");
        evil.insertBefore(sig, firstChild(evil, SAML_NS, "Subject"));
        original.getParentNode().replaceChild(evil, original);
        sig.appendChild(original);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW7: the signed original hidden in an Extensions element, the forged Assertion read instead. */
    @Test
    void xsw7OriginalHiddenInExtensionsIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        removeChildren(evil, DSIG_NS, "Signature");
        Element extensions = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
        original.getParentNode().replaceChild(evil, original);
        extensions.appendChild(original);
        doc.getDocumentElement().insertBefore(extensions, evil);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** XSW8: the forged Assertion carries the signature, the original inside a ds:Object of it. */
    @Test
    void xsw8OriginalInsideSignatureObjectIsRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element evil = forgedCopy(original);
        Element sig = firstChild(evil, DSIG_NS, "Signature");
        Element object = doc.createElementNS(DSIG_NS, "ds:Object");
        sig.appendChild(object);
        original.getParentNode().replaceChild(evil, original);
        removeChildren(original, DSIG_NS, "Signature");
        object.appendChild(original);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion");
    }

    /** The single-assertion variant: the forged Assertion reuses the signed one's ID (so a lookup by ID finds it). */
    @Test
    void xswWithADuplicatedIdIsRefused() {
        Document doc = parse(sign(response().xml(), IDP, true, false, RSA_SHA256));
        Element root = doc.getDocumentElement();
        Element status = firstChild(root, "urn:oasis:names:tc:SAML:2.0:protocol", "Status");
        Element decoy = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
        decoy.setAttribute("ID", root.getAttribute("ID"));
        root.insertBefore(decoy, status);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "repeats the ID");
    }

    @Test
    void validateWhenSignatureReferencesAnotherElementThenRefused() {
        Document doc = parse(response().signedAssertion());
        Element original = assertion(doc);
        Element sig = firstChild(original, DSIG_NS, "Signature");
        // Move the assertion's signature up to the Response: it still references the assertion.
        doc.getDocumentElement().insertBefore(sig, firstChild(doc.getDocumentElement(),
                "urn:oasis:names:tc:SAML:2.0:protocol", "Status"));

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "does not point at the signed Response");
    }

    // ------------------------------------------------------------------------------------------------ parser

    @Test
    void validateWhenDoctypeOrEntitiesThenRefusedBeforeAnythingIsResolved() {
        String signed = response().signedAssertion();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + signed.replace("alice@example.com</saml:NameID>", "&x;</saml:NameID>");
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]>").append(signed.replace("alice@example.com</saml:NameID>", "&l9;</saml:NameID>"));

        refused(xxe, AwsErrorCode.InvalidIdentityToken, "DOCTYPE");
        refused(laughs.toString(), AwsErrorCode.InvalidIdentityToken, "DOCTYPE");
        refused("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\">" + signed,
                AwsErrorCode.InvalidIdentityToken, "DOCTYPE");
    }

    @Test
    void validateWhenOversizedBrokenBase64OrDeflatedThenRefusedCheaply() throws Exception {
        String good = response().encodedSignedAssertion();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(9, true))) {
            out.write(response().signedAssertion().getBytes(StandardCharsets.UTF_8));
        }

        assertThat(validator.validate(good, providers()).subject()).isEqualTo("alice@example.com");
        refusedEncoded("A".repeat(100_004), AwsErrorCode.InvalidIdentityToken, "longer than 100000");
        refusedEncoded(good.substring(0, good.length() - 3) + "*!*", AwsErrorCode.InvalidIdentityToken,
                "not valid base64");
        refusedEncoded(Base64.getEncoder().encodeToString(deflated.toByteArray()), AwsErrorCode.InvalidIdentityToken,
                "DEFLATE");
        refused("<samlp:Response", AwsErrorCode.InvalidIdentityToken, "not well-formed");
    }

    @Test
    void validateWhenBase64IsWrappedThenAcceptedAndWhenNonAsciiThenRefused() {
        String good = response().encodedSignedAssertion();
        String wrapped = String.join("\r\n", good.split("(?<=\\G.{76})")) + "\n";
        assertThat(validator.validate(wrapped, providers()).subject()).isEqualTo("alice@example.com");
        assertThat(validator.validate(" \t" + good, providers()).subject()).isEqualTo("alice@example.com");

        // a non-ASCII character in place of a base64 one, with and without whitespace elsewhere: ISO-8859-1 ones,
        // and ones beyond it (which a Latin-1 encoding would turn into '?')
        for (String odd : new String[] {"\u00e9", "\u00c1", "\u20ac", "\uff21"}) {
            String broken = good.substring(0, 40) + odd + good.substring(41);
            refusedEncoded(broken, AwsErrorCode.InvalidIdentityToken, "not valid base64");
            refusedEncoded(broken + "\n", AwsErrorCode.InvalidIdentityToken, "not valid base64");
        }
    }

    @Test
    void validateWhenTwoAssertionsThenRefused() {
        Document doc = parse(response().signedAssertion());
        Element copy = (Element) assertion(doc).cloneNode(true);
        copy.setAttribute("ID", "_second");
        doc.getDocumentElement().appendChild(copy);

        refused(serialize(doc), AwsErrorCode.InvalidIdentityToken, "exactly one assertion; it contains 2");
    }

    // ------------------------------------------------------------------------------------------------ addressing

    @Test
    void validateWhenAddressedElsewhereThenRefused() {
        TestSamlResponses.Builder audience = response();
        audience.audience = "urn:amazon:webservices";
        TestSamlResponses.Builder recipient = response();
        recipient.recipient = "https://signin.aws.amazon.com/saml";
        TestSamlResponses.Builder destination = response();
        destination.destination = "https://other-sp.example.com/acs";
        TestSamlResponses.Builder issuer = response();
        issuer.issuer = "https://evil.example.com/saml";
        TestSamlResponses.Builder assertionIssuer = response();
        assertionIssuer.assertionIssuer = "https://evil.example.com/saml";

        refused(audience.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "Incorrect assertion audience");
        refused(recipient.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "bearer Recipient");
        refused(destination.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "Destination");
        refused(issuer.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "is not the entity id");
        refused(assertionIssuer.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "assertion's issuer");
    }

    @Test
    void validateWhenExtraAudienceConfiguredThenAwsBuiltAppsAreAccepted() {
        TestSamlResponses.Builder aws = response();
        aws.audience = "urn:amazon:webservices";
        aws.recipient = "https://signin.aws.amazon.com/saml";
        aws.destination = "https://signin.aws.amazon.com/saml";
        SamlSettings reuse = new SamlSettings(settings.entityId(), settings.acsUrl(), Set.of("urn:amazon:webservices"),
                Set.of("https://signin.aws.amazon.com/saml"), Duration.ofSeconds(60), false, 100_000);

        VerifiedAssertion a = new SamlResponseValidator(reuse, Clock.systemUTC(), replays)
                .validate(encode(aws.signedAssertion()), providers());

        assertThat(a.recipient()).isEqualTo("https://signin.aws.amazon.com/saml");
    }

    @Test
    void validateWhenStatusIsNotSuccessThenIdpRejectedClaim() {
        TestSamlResponses.Builder b = response();
        b.status = "urn:oasis:names:tc:SAML:2.0:status:Requester";

        refused(b.signedAssertion(), AwsErrorCode.IDPRejectedClaim, "did not report success");
    }

    // ------------------------------------------------------------------------------------------------ time

    @Test
    void validateWhenExpiredOrNotYetValidThenRefused() {
        TestSamlResponses.Builder expired = response();
        expired.now = Instant.now().minus(Duration.ofMinutes(20));
        TestSamlResponses.Builder early = response();
        early.notBefore = Instant.now().plus(Duration.ofMinutes(10));
        TestSamlResponses.Builder justInSkew = response();
        justInSkew.notBefore = Instant.now().plusSeconds(30);

        refused(expired.signedAssertion(), AwsErrorCode.ExpiredTokenException, "expired");
        refused(early.signedAssertion(), AwsErrorCode.InvalidIdentityToken, "not yet valid");
        assertThat(valid(justInSkew.signedAssertion()).subject()).isEqualTo("alice@example.com");
    }

    // ------------------------------------------------------------------------------------------------ replay, roles

    @Test
    void consumeWhenSameAssertionForSameRoleTwiceThenRefusedButOtherRolesStillWork() {
        VerifiedAssertion a = valid(response().role("arn:aws:iam::111122223333:role/ops", PROVIDER).signedAssertion());

        validator.consume(a, ROLE);
        validator.consume(a, "arn:aws:iam::111122223333:role/ops");
        assertThat(validator.alreadyUsed(a, ROLE)).isTrue();
        assertThatThrownBy(() -> validator.consume(a, ROLE)).hasMessageContaining("already used");
    }

    @Test
    void validateWhenRoleAttributeMissingOrMalformedThenIdpRejectedClaim() {
        TestSamlResponses.Builder none = TestSamlResponses.builder();
        TestSamlResponses.Builder bad = TestSamlResponses.builder();
        bad.roles.add("arn:aws:iam::111122223333:role/dev");
        TestSamlResponses.Builder reversed = TestSamlResponses.builder();
        reversed.roles.add(PROVIDER + "," + ROLE);

        refused(none.signedAssertion(), AwsErrorCode.IDPRejectedClaim, "no https://aws.amazon.com/SAML/Attributes/Role");
        refused(bad.signedAssertion(), AwsErrorCode.IDPRejectedClaim, "is not");
        assertThat(valid(reversed.signedAssertion()).roles()).containsExactly(new RolePair(ROLE, PROVIDER));
    }

    @Test
    void explainReportsEveryCheckAndStopsAtTheFirstFailure() {
        TestSamlResponses.Builder b = response();
        b.audience = "urn:other";

        SamlResponseValidator.Report report = validator.explain(encode(b.signedAssertion()), providers());

        assertThat(report.assertion()).isNull();
        assertThat(report.checks()).extracting(SamlResponseValidator.CheckOutcome::check)
                .contains("SizeCheck", "AssertionSignatureCheck", "AudienceCheck", "AttributeCheck");
        assertThat(report.checks()).filteredOn(c -> c.check().equals("AssertionSignatureCheck"))
                .extracting(SamlResponseValidator.CheckOutcome::outcome).containsExactly("PASSED");
        assertThat(report.checks()).filteredOn(c -> c.check().equals("AudienceCheck"))
                .extracting(SamlResponseValidator.CheckOutcome::outcome).containsExactly("FAILED");
        assertThat(report.checks()).filteredOn(c -> c.check().equals("AttributeCheck"))
                .extracting(SamlResponseValidator.CheckOutcome::outcome).containsExactly("SKIPPED");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String serialize(Document doc) {
        return TestSamlResponses.serialize(doc);
    }

    static Element assertion(Document doc) {
        return (Element) doc.getElementsByTagNameNS(SAML_NS, "Assertion").item(0);
    }

    static Element firstChild(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static void removeChildren(Element parent, String ns, String local) {
        Element e;
        while ((e = firstChild(parent, ns, local)) != null) {
            parent.removeChild(e);
        }
    }

    static void remove(Node n) {
        n.getParentNode().removeChild(n);
    }

    static void setSubject(Element root, String subject) {
        root.getElementsByTagNameNS(SAML_NS, "NameID").item(0).setTextContent(subject);
    }

    static Element forgedCopy(Element original) {
        Element evil = (Element) original.cloneNode(true);
        evil.setAttribute("ID", "_evil");
        setSubject(evil, "mallory@example.com");
        return evil;
    }

    static Document replaceRoot(Document doc, Element newRoot) {
        if (doc.getDocumentElement() == null) {
            doc.appendChild(newRoot); // the original root was moved inside the forged one
        } else {
            doc.replaceChild(newRoot, doc.getDocumentElement());
        }
        return doc;
    }

    /** {@link ExpiringEntries} in a map, without expiry: enough for one test. */
    static final class MapEntries implements ExpiringEntries {
        private final Map<String, String> map = new ConcurrentHashMap<>();

        @Override
        public boolean putIfAbsent(String key, String value, Duration lifespan) {
            return map.putIfAbsent(key, value) == null;
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Optional<String> take(String key) {
            return Optional.ofNullable(map.remove(key));
        }

        @Override
        public long increment(String key, long delta, Duration lifespan) {
            return Long.parseLong(map.merge(key, Long.toString(delta),
                    (a, b) -> Long.toString(Long.parseLong(a) + Long.parseLong(b))));
        }

        @Override
        public boolean remove(String key) {
            return map.remove(key) != null;
        }
    }
}
