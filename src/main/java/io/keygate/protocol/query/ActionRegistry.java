package io.keygate.protocol.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Finds the action for an {@code Action} + {@code Version} pair. Operations of the AWS models that Keygate does not
 * serve may carry a refusal: the {@code InvalidAction} message that says why, instead of "could not find operation".
 * Immutable once built.
 *
 * @param <C> the caller type the actions take
 */
public final class ActionRegistry<C> {

    private final Map<String, QueryAction<C>> actions = new HashMap<>();
    private final Map<String, String> refusals = new HashMap<>();

    public ActionRegistry(List<? extends QueryAction<C>> all) {
        this(all, Map.of());
    }

    /**
     * @param refusals for operations no action serves: {@code <version>/<Action>} → the message of the
     *                 {@code InvalidAction} error to answer
     */
    public ActionRegistry(List<? extends QueryAction<C>> all, Map<String, String> refusals) {
        this.refusals.putAll(refusals);
        for (QueryAction<C> action : all) {
            String key = key(action.service().version(), action.name());
            if (actions.putIfAbsent(key, action) != null) {
                throw new IllegalArgumentException("Two actions named " + action.name());
            }
        }
    }

    /**
     * @throws InvalidInputException MissingParameter when Action or Version is absent, InvalidAction when no
     *                               action of that name exists for that version
     */
    public QueryAction<C> lookup(String action, String version) {
        if (action == null || action.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter Action");
        }
        if (version == null || version.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter Version");
        }
        QueryAction<C> found = actions.get(key(version, action));
        String refusal = found == null ? refusals.get(key(version, action)) : null;
        if (refusal != null) {
            throw new InvalidInputException(AwsErrorCode.InvalidAction, refusal);
        }
        if (found == null) {
            throw new InvalidInputException(AwsErrorCode.InvalidAction, "Could not find operation "
                    + QueryParams.echo(action) + " for version " + QueryParams.echo(version));
        }
        return found;
    }

    public int size() {
        return actions.size();
    }

    /** The key of {@code refusals}: {@code <version>/<Action>}. */
    public static String key(String version, String action) {
        return version + "/" + action;
    }
}
