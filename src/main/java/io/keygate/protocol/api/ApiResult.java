package io.keygate.protocol.api;

/**
 * What a JSON API endpoint answers.
 *
 * @param status HTTP status
 * @param body   a value Jackson serializes (record, map, list), or a {@link Text} written as it is
 */
public record ApiResult(int status, Object body) {

    /** A body that is not JSON (an exported YAML document), written verbatim with its content type. */
    public record Text(String contentType, String text) {
    }

    public static ApiResult text(String contentType, String text) {
        return new ApiResult(200, new Text(contentType, text));
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }
}
