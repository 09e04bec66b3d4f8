package io.keygate.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.iam.Partition;
import io.keygate.credentials.SealedSecrets;
import io.keygate.credentials.SecretSealer;

/**
 * The sealed secrets of the store, one {@link SealedSecrets} per record kind that holds one. Works on the stored
 * JSON text: a sealed field is replaced in place (every other field kept exactly as stored) with compare-and-set
 * on the record's text, so a record changed meanwhile is read again rather than overwritten. The context each
 * secret was sealed with (its associated data) is rebuilt from the record, as the code that seals it builds it.
 */
public final class StoreSealedSecrets implements SealedSecrets {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One sealed string inside a record: the object holding it, its field, and its sealing context. */
    private record Field(ObjectNode holder, String name, String context) {
    }

    private final String kind;
    private final Namespace namespace;
    private final Function<ObjectNode, List<Field>> fields;

    private StoreSealedSecrets(String kind, Namespace namespace, Function<ObjectNode, List<Field>> fields) {
        this.kind = kind;
        this.namespace = namespace;
        this.fields = fields;
    }

    /** Every kind of sealed secret the store holds. */
    public static List<SealedSecrets> all(InfinispanStore store, Partition partition) {
        return List.of(
                new StoreSealedSecrets("AccessKeys", store.namespace("access-keys"),
                        r -> one(r, "sealedSecret", text(r, "accessKeyId"))),
                new StoreSealedSecrets("MfaDevices", store.namespace("mfa-devices"),
                        r -> one(r, "sealedSeed", text(r, "serialNumber"))),
                new StoreSealedSecrets("ServerCertificates", store.namespace("server-certificates"),
                        r -> one(r, "sealedPrivateKey", "server-certificate/" + text(r, "serverCertificateId"))),
                new StoreSealedSecrets("SamlProviderPrivateKeys", store.namespace("saml-providers"),
                        r -> samlKeys(r, partition)),
                new StoreSealedSecrets("IssuerSigningKeys", store.namespace("issuer-keys"),
                        r -> one(r, "privateJwk", "issuer-key/" + text(r, "kid"))));
    }

    private static String text(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        return value == null ? "" : value.asText();
    }

    private static List<Field> one(ObjectNode record, String field, String context) {
        return record.hasNonNull(field) ? List.of(new Field(record, field, context)) : List.of();
    }

    /** Uploaded SAML private keys: {@code <provider ARN>#<key id>}, as SamlProviderActions seals them. */
    private static List<Field> samlKeys(ObjectNode record, Partition partition) {
        JsonNode keys = record.get("privateKeys");
        if (keys == null || !keys.isArray()) {
            return List.of();
        }
        String arn = "arn:" + partition.id() + ":iam::" + text(record, "accountId") + ":saml-provider/"
                + text(record, "name");
        List<Field> out = new java.util.ArrayList<>();
        for (JsonNode key : keys) {
            if (key instanceof ObjectNode o && o.hasNonNull("sealed")) {
                out.add(new Field(o, "sealed", arn + "#" + text(o, "keyId")));
            }
        }
        return out;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int countSealedUnder(String kid) {
        int n = 0;
        for (Map.Entry<String, String> e : (Iterable<Map.Entry<String, String>>) namespace.entries()::iterator) {
            ObjectNode record = parse(e.getValue());
            if (record != null) {
                n += (int) fields.apply(record).stream().filter(f -> under(f, kid)).count();
            }
        }
        return n;
    }

    @Override
    public int reseal(String kid, SecretSealer sealer) {
        int resealed = 0;
        List<String> keys = namespace.entries().map(Map.Entry::getKey).toList();
        for (String key : keys) {
            for (int attempt = 0; ; attempt++) {
                String raw = namespace.get(key);
                ObjectNode record = raw == null ? null : parse(raw);
                if (record == null) {
                    break;
                }
                int changed = 0;
                for (Field f : fields.apply(record)) {
                    if (under(f, kid)) {
                        f.holder().put(f.name(), sealer.reseal(f.context(), f.holder().get(f.name()).asText()));
                        changed++;
                    }
                }
                if (changed == 0) {
                    break;
                }
                if (namespace.replace(key, raw, write(record))) {
                    resealed += changed;
                    break;
                }
                if (attempt > 100) {
                    throw new IllegalStateException("record " + key + " of " + kind + " keeps changing");
                }
            }
        }
        return resealed;
    }

    private static boolean under(Field field, String kid) {
        return SecretSealer.kidOf(field.holder().get(field.name()).asText()).map(kid::equals).orElse(false);
    }

    private static ObjectNode parse(String json) {
        try {
            return JSON.readTree(json) instanceof ObjectNode o ? o : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String write(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record", e);
        }
    }
}
