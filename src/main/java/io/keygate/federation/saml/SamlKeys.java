package io.keygate.federation.saml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code saml:*} condition keys as AWS fills them (IAM User Guide, "Available keys for SAML-based AWS STS
 * federation"): {@code saml:aud} is the bearer Recipient, not the Audience; {@code saml:sub_type} the NameID format
 * with the SAML 2.0 prefix dropped; {@code saml:namequalifier} = base64(SHA-1(Issuer + AccountId + "/" +
 * ProviderName)); {@code saml:doc} = {@code <account>/<provider name>}; and the attribute keys, found by the
 * eduPerson/eduOrg and X.500 OIDs, the AD FS claim URIs, or the key's own name. Keys marked multi-valued in the
 * guide keep every value; the others the first. Stateless.
 */
final class SamlKeys {

    private static final String EDU_PERSON = "urn:oid:1.3.6.1.4.1.5923.1.1.1.";
    private static final String EDU_ORG = "urn:oid:1.3.6.1.4.1.5923.1.2.1.";
    private static final String CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";

    /** Attribute name → condition key name (without {@code saml:}). */
    private static final Map<String, String> BY_ATTRIBUTE = new LinkedHashMap<>();
    /** Keys AWS documents as single-valued. */
    private static final List<String> SINGLE = List.of("edupersonorgdn", "edupersonprimaryaffiliation",
            "edupersonprimaryorgunitdn", "edupersonprincipalname");

    static {
        String[] person = {null, "edupersonaffiliation", "edupersonnickname", "edupersonorgdn", "edupersonorgunitdn",
            "edupersonprimaryaffiliation", "edupersonprincipalname", "edupersonentitlement",
            "edupersonprimaryorgunitdn", "edupersonscopedaffiliation", "edupersontargetedid", "edupersonassurance"};
        for (int i = 1; i < person.length; i++) {
            BY_ATTRIBUTE.put(EDU_PERSON + i, person[i]);
        }
        String[] org = {null, null, "eduorghomepageuri", "eduorgidentityauthnpolicyuri", "eduorglegalname",
            "eduorgsuperioruri", "eduorgwhitepagesuri"};
        for (int i = 2; i < org.length; i++) {
            BY_ATTRIBUTE.put(EDU_ORG + i, org[i]);
        }
        BY_ATTRIBUTE.put("urn:oid:2.5.4.3", "cn");
        BY_ATTRIBUTE.put("urn:oid:2.5.4.4", "surname");
        BY_ATTRIBUTE.put("urn:oid:2.5.4.42", "givenName");
        BY_ATTRIBUTE.put("urn:oid:2.5.4.45", "x500UniqueIdentifier");
        BY_ATTRIBUTE.put("urn:oid:0.9.2342.19200300100.1.1", "uid");
        BY_ATTRIBUTE.put("urn:oid:0.9.2342.19200300100.1.3", "mail");
        BY_ATTRIBUTE.put("urn:oid:0.9.2342.19200300100.1.45", "organizationStatus");
        BY_ATTRIBUTE.put(CLAIMS + "name", "name");
        BY_ATTRIBUTE.put("http://schemas.xmlsoap.org/claims/CommonName", "commonName");
        BY_ATTRIBUTE.put(CLAIMS + "givenname", "givenName");
        BY_ATTRIBUTE.put(CLAIMS + "surname", "surname");
        BY_ATTRIBUTE.put(CLAIMS + "emailaddress", "mail");
        BY_ATTRIBUTE.put("http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid",
                "primaryGroupSID");
        for (String key : List.copyOf(BY_ATTRIBUTE.values())) {
            BY_ATTRIBUTE.putIfAbsent(key, key); // an attribute named like the key itself ("mail", "uid")
        }
        BY_ATTRIBUTE.putIfAbsent("commonName", "commonName");
    }

    /** One digest per thread: {@link MessageDigest#getInstance} looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * Name qualifiers by their digest input (a pure function of issuer, account and provider name, so nothing to
     * invalidate): a response asks for its qualifier three times (condition keys, session keys, the answer), every
     * response of a provider the same one. Bounded: cleared when full.
     */
    private static final Map<String, String> NAME_QUALIFIERS = new java.util.concurrent.ConcurrentHashMap<>();
    static final int NAME_QUALIFIER_LIMIT = 1_000;

    private SamlKeys() {
    }

    static String nameQualifier(String issuer, String accountId, String providerName) {
        String input = issuer + accountId + "/" + providerName;
        String known = NAME_QUALIFIERS.get(input);
        if (known != null) {
            return known;
        }
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        String computed = Base64.getEncoder().encodeToString(sha1.digest(input.getBytes(StandardCharsets.UTF_8)));
        if (NAME_QUALIFIERS.size() >= NAME_QUALIFIER_LIMIT) {
            NAME_QUALIFIERS.clear();
        }
        NAME_QUALIFIERS.put(input, computed);
        return computed;
    }

    static Map<String, List<String>> conditionKeys(VerifiedAssertion a) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("saml:aud", List.of(a.recipient()));
        keys.put("saml:iss", List.of(a.issuer()));
        keys.put("saml:sub", List.of(a.subject()));
        keys.put("saml:sub_type", List.of(a.subjectType()));
        keys.put("saml:namequalifier", List.of(a.nameQualifier()));
        keys.put("saml:doc", List.of(a.trust().accountId() + "/" + a.trust().providerName()));
        a.attributes().forEach((name, values) -> {
            String key = BY_ATTRIBUTE.get(name);
            if (key != null && !values.isEmpty() && !keys.containsKey("saml:" + key)) {
                keys.put("saml:" + key, SINGLE.contains(key.toLowerCase(Locale.ROOT)) ? List.of(values.get(0))
                        : values);
            }
        });
        return keys;
    }

    static Map<String, String> sessionKeys(VerifiedAssertion a) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("saml:sub", a.subject());
        keys.put("saml:sub_type", a.subjectType());
        keys.put("saml:namequalifier", a.nameQualifier());
        keys.put("saml:aud", a.recipient());
        keys.put("saml:iss", a.issuer());
        return keys;
    }
}
