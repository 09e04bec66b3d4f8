package io.keygate.protocol.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's own texts for names and paths that break their pattern, which IAM answers instead of the model's generic
 * pattern text once the model's other constraints hold (observed from AWS):
 * {@code The specified value for userName is invalid. It must contain only alphanumeric characters and/or the
 * following: +=,.@_-} and {@code The specified value for path is invalid. It must begin and end with / and contain
 * only alphanumeric characters and/or / characters.}
 */
final class IamTexts {

    /** The patterns of IAM entity names (users, groups, roles, policies, instance profiles, …). */
    private static final Set<String> NAME_PATTERNS = Set.of("[\\w+=,.@-]+");
    /** The pattern of IAM paths. */
    private static final Set<String> PATH_PATTERNS = Set.of("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");

    private IamTexts() {
    }

    /** Whether IAM answers its own text, not the generic pattern text, when a value breaks this shape's pattern. */
    static boolean hasOwnText(Shape shape) {
        return shape.pattern() != null
                && (NAME_PATTERNS.contains(shape.pattern()) || PATH_PATTERNS.contains(shape.pattern()));
    }

    /** IAM's text for the first top-level name or path that breaks its pattern, if any. */
    static Optional<String> firstViolation(ServiceModel model, Shape input, Map<String, String> params) {
        for (Map.Entry<String, String> m : input.members().entrySet()) {
            Shape shape = model.shape(m.getValue());
            String value = params.get(m.getKey());
            if (value == null || !hasOwnText(shape) || shape.compiled().matcher(value).matches()) {
                continue;
            }
            String member = InputConstraints.lowerFirst(m.getKey());
            if (PATH_PATTERNS.contains(shape.pattern())) {
                return Optional.of("The specified value for " + member + " is invalid. It must begin and end with / "
                        + "and contain only alphanumeric characters and/or / characters.");
            }
            return Optional.of("The specified value for " + member + " is invalid. It must contain only "
                    + "alphanumeric characters and/or the following: +=,.@_-");
        }
        return Optional.empty();
    }
}
