/**
 * Keygate's own JSON API under {@code /api/v1/}: SigV4-signed (scope service {@code keygate}) like every AWS call,
 * JSON in and out, errors as {@code {"Code": …, "Message": …}} with the status the AWS code carries.
 */
package io.keygate.protocol.api;
