/**
 * The AWS error model: every wire error code Keygate emits ({@link io.keygate.error.AwsErrorCode}) and one
 * exception type per code family. Core code throws these; only the protocol edge turns them into an HTTP status
 * and the AWS error envelope (Query XML or JSON).
 */
package io.keygate.error;
