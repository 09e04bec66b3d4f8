package io.keygate.protocol.api;

/**
 * What a JSON API endpoint answers.
 *
 * @param status HTTP status
 * @param body   a value Jackson serializes (record, map, list)
 */
public record ApiResult(int status, Object body) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }
}
