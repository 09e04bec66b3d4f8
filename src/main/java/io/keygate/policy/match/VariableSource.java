package io.keygate.policy.match;

/**
 * Where policy variables get their values: the request context of the request being evaluated.
 * Implementations record which keys were asked for and absent, for simulation reports.
 */
@FunctionalInterface
public interface VariableSource {

    /**
     * The single value of the context key, or {@code null} when the key is absent or multi-valued (AWS substitutes
     * only single-valued keys).
     *
     * @param lowerKey the key, already lower-cased with {@link java.util.Locale#ROOT}
     */
    String variable(String lowerKey);
}
