package io.keygate.console;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Caller;

/**
 * Runs one of Keygate's own JSON API endpoints ({@code /api/v1/…}) for an already-authenticated caller, exactly as
 * the API route would after authentication: same endpoint class, same checks and authorization, same JSON answer.
 */
@FunctionalInterface
public interface ApiInvoker {

    /**
     * @param body the JSON body, or null
     * @return the answer; a refusal carries {@code {"Code", "Message"}}
     */
    Answer invoke(String method, String path, JsonNode body, Caller caller);

    /** The endpoint's answer: HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** "Code: Message" of a refusal. */
        public String error() {
            return body.path("Code").asText("Error") + ": " + body.path("Message").asText("");
        }
    }
}
