package io.keygate.sts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import io.keygate.auth.CompiledPolicies;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.Policies;
import io.keygate.policy.PolicyType;
import io.keygate.protocol.query.QueryParams;

/**
 * The session inputs of AssumeRole, AssumeRoleWith* and GetFederationToken — inline {@code Policy}, up to 10
 * {@code PolicyArns}, {@code Tags} and {@code TransitiveTagKeys} — validated as STS documents them, and their
 * {@code PackedPolicySize}.
 *
 * <p><b>Packing</b> (AWS does not publish its own): the inline policy with whitespace outside strings removed, the
 * policy ARNs, and each tag as {@code key=value}, joined with NUL separators in request order, are compressed with
 * raw DEFLATE at level 9. {@code PackedPolicySize} is that length as a percentage of {@link #PACKED_BUDGET} bytes,
 * rounded up; over 100 is {@code PackedPolicyTooLarge}. The same inputs always give the same percentage.
 */
public final class SessionInputs {

    /** Compressed bytes that fit in a session: keeps the session token small. */
    public static final int PACKED_BUDGET = 1024;
    /** Plaintext limit of the inline and managed session policies together (non-whitespace characters). */
    public static final int PLAINTEXT_LIMIT = 2048;
    private static final Pattern POLICY_CHARS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern MANAGED_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}|aws):policy/[\\x21-\\x7e]+");

    /**
     * The validated inputs.
     *
     * @param policy            the inline session policy text, or null
     * @param policyArns        managed session policy ARNs
     * @param tags              session tags in request order
     * @param transitiveTagKeys tag keys that pass through role chaining
     * @param packedPolicySize  the percentage defined above
     */
    public record Inputs(String policy, List<String> policyArns, Map<String, String> tags,
                         List<String> transitiveTagKeys, int packedPolicySize) {

        public boolean hasSessionPolicy() {
            return policy != null || !policyArns.isEmpty();
        }
    }

    private final PrincipalPolicies policies;
    private final CompiledPolicies compiled;

    public SessionInputs(PrincipalPolicies policies, CompiledPolicies compiled) {
        this.policies = policies;
        this.compiled = compiled;
    }

    /**
     * @param accountId       the account whose customer managed policies {@code PolicyArns} may name
     * @param allowTransitive whether {@code TransitiveTagKeys} is a parameter of the action
     */
    public Inputs read(QueryParams params, String accountId, boolean allowTransitive) {
        String policy = params.string("Policy", false, 1, PLAINTEXT_LIMIT, POLICY_CHARS);
        int plaintext = 0;
        if (policy != null) {
            // Validated through the shared compiled-policy cache: a client repeating its session policy is not re-parsed.
            compiled.compile(new StoredPolicy("session/inline", StoredPolicy.Kind.MANAGED, policy), PolicyType.SESSION);
            plaintext += Policies.sizeOf(policy);
        }
        List<String> arns = new ArrayList<>();
        for (Map<String, String> member : params.structList("PolicyArns", 10)) {
            String arn = member.get("arn");
            if (arn == null || arn.length() < 20 || arn.length() > 2048 || !MANAGED_ARN.matcher(arn).matches()) {
                throw QueryParams.constraint("PolicyArns", String.valueOf(arn),
                        "Member must be the ARN of a managed policy");
            }
            String owner = MANAGED_ARN.matcher(arn).replaceFirst("$1");
            Optional<StoredPolicy> stored = owner.equals("aws") || owner.equals(accountId)
                    ? policies.managedPolicy(arn) : Optional.empty();
            StoredPolicy document = stored.orElseThrow(() -> new InvalidInputException(
                    AwsErrorCode.MalformedPolicyDocument, "Policy " + arn + " does not exist or is not attachable."));
            plaintext += Policies.sizeOf(document.document());
            arns.add(arn);
        }
        if (plaintext > PLAINTEXT_LIMIT) {
            throw new InvalidInputException(AwsErrorCode.PackedPolicyTooLarge,
                    "The inline and managed session policies together exceed " + PLAINTEXT_LIMIT
                            + " characters of plaintext.");
        }
        Map<String, String> tags = tags(params);
        List<String> transitive = allowTransitive ? transitive(params, tags) : List.of();
        int packed = packedPercent(policy, arns, tags);
        if (packed > 100) {
            throw tooLarge(packed);
        }
        return new Inputs(policy, List.copyOf(arns), tags, transitive, packed);
    }

    private static Map<String, String> tags(QueryParams params) {
        List<Map.Entry<String, String>> given = new ArrayList<>();
        for (Map<String, String> member : params.structList("Tags", 50)) {
            String key = member.get("Key");
            given.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, member.getOrDefault("Value", "")));
        }
        return checkedTags(given);
    }

    /**
     * The session-tag rules, whoever supplies the tags (a {@code Tags} parameter, SAML {@code PrincipalTag:*}
     * attributes, the OIDC {@code https://aws.amazon.com/tags} claim): key 1–128 and value 0–256 characters of the
     * tag alphabet, no {@code aws:} keys, keys unique ignoring case. Order is kept.
     */
    static Map<String, String> checkedTags(List<Map.Entry<String, String>> given) {
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> tag : given) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (key == null || key.isEmpty() || key.length() > 128 || !TAG.matcher(key).matches()) {
                throw QueryParams.constraint("Tags.member.key", String.valueOf(key),
                        "Member must have length between 1 and 128 and satisfy regular expression pattern: "
                                + TAG.pattern());
            }
            if (value.length() > 256 || !TAG.matcher(value).matches()) {
                throw QueryParams.constraint("Tags.member.value", value,
                        "Member must have length less than or equal to 256 and satisfy regular expression pattern: "
                                + TAG.pattern());
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "Tag keys starting with 'aws:' are reserved: " + key);
            }
            if (seen.put(key.toLowerCase(Locale.ROOT), key) != null) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(key, value);
        }
        if (tags.size() > 50) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "A session can have at most 50 tags.");
        }
        return tags;
    }

    /**
     * {@code base} (read from the request without tags) with the session tags and transitive tag keys an identity
     * provider asserted, through the same tag rules and packed-size budget as AssumeRole's {@code Tags}.
     *
     * @param tags      the asserted tags in the order asserted
     * @param transitive the asserted transitive tag keys; each must name one of {@code tags}
     * @throws InvalidInputException ValidationError or PackedPolicyTooLarge, as for AssumeRole
     */
    public Inputs withTags(Inputs base, List<Map.Entry<String, String>> tags, List<String> transitive) {
        Map<String, String> checked = checkedTags(tags);
        checkTransitive(transitive, checked);
        int packed = packedPercent(base.policy(), base.policyArns(), checked);
        if (packed > 100) {
            throw tooLarge(packed);
        }
        return new Inputs(base.policy(), base.policyArns(), checked, List.copyOf(transitive), packed);
    }

    private static InvalidInputException tooLarge(int packed) {
        return new InvalidInputException(AwsErrorCode.PackedPolicyTooLarge,
                "Packed size of the session policies and session tags consumes " + packed
                        + "% of allotted space, please use smaller policies and tags.");
    }

    private static List<String> transitive(QueryParams params, Map<String, String> tags) {
        List<String> keys = params.list("TransitiveTagKeys", 50);
        checkTransitive(keys, tags);
        return List.copyOf(keys);
    }

    private static void checkTransitive(List<String> keys, Map<String, String> tags) {
        for (String key : keys) {
            boolean present = tags.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
            if (!present) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "The specified transitive tag key must be included in the requested tags: "
                                + QueryParams.echo(key));
            }
        }
    }

    /** The packing defined in the class comment. */
    static int packedPercent(String policy, List<String> arns, Map<String, String> tags) {
        StringBuilder plain = new StringBuilder();
        if (policy != null) {
            plain.append(minify(policy));
        }
        plain.append('\0').append(String.join(",", arns));
        tags.forEach((k, v) -> plain.append('\0').append(k).append('=').append(v));
        if (policy == null && arns.isEmpty() && tags.isEmpty()) {
            return 0;
        }
        String text = plain.toString();
        Integer known = PACKED.get(text);
        if (known != null) {
            return known;
        }
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = PACKERS.get();
        deflater.reset();
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            int percent = (int) Math.ceil(out.size() * 100.0 / PACKED_BUDGET);
            if (PACKED.size() >= 10_000) {
                PACKED.clear();
            }
            PACKED.put(text, percent);
            return percent;
        } finally {
            deflater.reset();
        }
    }

    /** Clients repeat their session inputs: the packing of each recent one is remembered (bounded). */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> PACKED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final ThreadLocal<Deflater> PACKERS = ThreadLocal.withInitial(() -> new Deflater(9, true));

    /** JSON text without the whitespace outside string literals. */
    static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
