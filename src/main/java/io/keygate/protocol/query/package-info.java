/**
 * The AWS Query protocol: strict decoding of form-encoded parameters, dispatch on {@code Action} + {@code Version},
 * the XML response envelope and the AWS error envelope. Follows the Smithy awsQuery protocol specification.
 */
package io.keygate.protocol.query;
