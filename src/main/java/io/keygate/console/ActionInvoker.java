package io.keygate.console;

import java.util.Map;

import io.keygate.auth.Caller;

/**
 * Runs one AWS Query action for an already-authenticated caller, exactly as the Query endpoint would after
 * authentication: same action classes, parameter checks and authorization, same XML answer.
 */
@FunctionalInterface
public interface ActionInvoker {

    /**
     * @param parameters the Query parameters, including {@code Action} and {@code Version}
     * @return the answer, an AWS error envelope when the action refused
     */
    Answer invoke(Map<String, String> parameters, Caller caller);

    /** The action's answer: HTTP status, XML body and, for errors, the AWS code and message. */
    record Answer(int status, String xml) {

        public boolean ok() {
            return status == 200;
        }

        public XmlAnswer parsed() {
            return XmlAnswer.parse(xml);
        }
    }
}
