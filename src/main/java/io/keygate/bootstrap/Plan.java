package io.keygate.bootstrap;

import java.util.List;
import java.util.Map;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;

/**
 * What applying a bootstrap file does: the IAM requests that create each missing entity, in dependency order
 * (policies, groups, users, roles per document), and the drift found on entities that exist already. Immutable.
 */
record Plan(List<Entity> entities, List<String> drift) {

    Plan {
        entities = List.copyOf(entities);
        drift = List.copyOf(drift);
    }

    /**
     * One missing entity and the requests that create it, the first being its Create request.
     *
     * @param where   {@code Bootstrap file <f>, document <n>}
     * @param label   {@code role 'DeveloperRole'}
     * @param account the account the requests run in (as its root)
     */
    record Entity(String where, String label, String account, List<Step> steps) {
        Entity {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One IAM Query request.
     *
     * @param action the IAM action ({@code CreateRole})
     * @param params its request parameters
     * @param field  the YAML field the request comes from ({@code roles[0]}, {@code users[1].groups[0]})
     * @param fields for requests built from several fields: request parameter → YAML field
     */
    record Step(String action, Map<String, String> params, String field, Map<String, String> fields) {
        Step {
            params = Map.copyOf(params);
            fields = Map.copyOf(fields);
        }

        /** The YAML field an IAM error is about: the parameter the message names, else the whole request. */
        String fieldOf(KeygateException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                boolean document = f.getKey().endsWith("PolicyDocument");
                if (document && e.code() == AwsErrorCode.MalformedPolicyDocument) {
                    return f.getValue();
                }
                String member = Character.toLowerCase(f.getKey().charAt(0)) + f.getKey().substring(1);
                if (message.contains("'" + member)) {
                    return f.getValue();
                }
            }
            return field;
        }
    }
}
