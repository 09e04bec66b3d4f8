package io.keygate.protocol.query;

/** Writes the members of an action's {@code <ActionResult>} element; actions without output write nothing. */
@FunctionalInterface
public interface ResultWriter {

    /** The result of actions that have no output members (DeleteUser, …). */
    ResultWriter EMPTY = xml -> { };

    void write(XmlWriter xml);

    /** Whether the response has a {@code <ActionResult>} element at all. */
    default boolean hasResultElement() {
        return this != EMPTY;
    }
}
