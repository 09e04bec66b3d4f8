package io.keygate.protocol.query;

/** Writes the members of an action's {@code <ActionResult>} element; actions without output write nothing. */
@FunctionalInterface
public interface ResultWriter {

    /** The result of actions that have no output members (DeleteUser, …). */
    ResultWriter EMPTY = xml -> { };

    /**
     * The result of actions whose output shape has a result wrapper but no members ({@code UpdateRole}): an empty
     * {@code <ActionResult/>}, which SDKs generated from the model expect.
     */
    ResultWriter NO_MEMBERS = xml -> { };

    void write(XmlWriter xml);

    /** Whether the response has a {@code <ActionResult>} element at all. */
    default boolean hasResultElement() {
        return this != EMPTY;
    }
}
