package io.keygate.protocol.model;

import java.util.List;

/**
 * One operation of a service model.
 *
 * @param name          the wire name ({@code CreateUser})
 * @param input         the input shape's name, or null when the operation takes no input
 * @param output        the output shape's name, or null when the operation has no output
 * @param resultWrapper the Query protocol's {@code <NameResult>} element, or null (no output, or JSON protocol)
 * @param errors        the error shapes the model names
 * @param deprecated    whether the model marks the operation deprecated
 */
public record Operation(String name, String input, String output, String resultWrapper, List<String> errors,
                        boolean deprecated) {

    public Operation {
        errors = List.copyOf(errors);
    }
}
