package io.keygate.policy.condition;

/** The comparison of an ordered family: context value versus policy value. */
enum Compare {
    EQUALS, LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS;

    /** From the operator suffix after the family name ({@code Equals}, {@code NotEquals}, {@code LessThan}, ...). */
    static Compare of(String suffix) {
        return switch (suffix) {
            case "Equals", "NotEquals" -> EQUALS;
            case "LessThan" -> LESS_THAN;
            case "LessThanEquals" -> LESS_THAN_EQUALS;
            case "GreaterThan" -> GREATER_THAN;
            case "GreaterThanEquals" -> GREATER_THAN_EQUALS;
            default -> throw new IllegalArgumentException("unknown comparison " + suffix);
        };
    }

    boolean test(int c) {
        return switch (this) {
            case EQUALS -> c == 0;
            case LESS_THAN -> c < 0;
            case LESS_THAN_EQUALS -> c <= 0;
            case GREATER_THAN -> c > 0;
            case GREATER_THAN_EQUALS -> c >= 0;
        };
    }
}
