package io.keygate.federation.saml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;

/**
 * The state one run of the pipeline builds up, check by check: each check reads what the earlier ones established
 * and adds its own part. Confined to the thread running the pipeline; never shared.
 */
final class SamlWork {

    final String encoded;
    final Function<String, Optional<SamlTrust>> providers;
    final SamlSettings settings;
    final Instant now;

    byte[] xml;
    Document document;
    Element response;
    /** The Assertion, or the EncryptedAssertion until decryption replaces it. */
    Element assertion;
    boolean encrypted;
    SamlTrust trust;
    boolean responseSigned;
    boolean assertionSigned;
    String issuer;
    String subject;
    String subjectFormat;
    String recipient;
    final List<String> audiences = new ArrayList<>();
    Instant notOnOrAfter;
    Instant sessionNotOnOrAfter;
    final Map<String, List<String>> attributes = new LinkedHashMap<>();
    final List<RolePair> roles = new ArrayList<>();

    SamlWork(String encoded, Function<String, Optional<SamlTrust>> providers, SamlSettings settings, Instant now) {
        this.encoded = encoded;
        this.providers = providers;
        this.settings = settings;
        this.now = now;
    }

    VerifiedAssertion result() {
        return new VerifiedAssertion(trust, issuer, SamlXml.attribute(assertion, "ID"), subject, subjectFormat,
                recipient, audiences, notOnOrAfter, sessionNotOnOrAfter, attributes, roles, encrypted);
    }

    static FederationRejectedException invalid(String message) {
        return new FederationRejectedException(AwsErrorCode.InvalidIdentityToken, message);
    }

    static FederationRejectedException rejected(String message) {
        return new FederationRejectedException(AwsErrorCode.IDPRejectedClaim, message);
    }
}
