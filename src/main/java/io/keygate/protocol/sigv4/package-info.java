/**
 * AWS Signature Version 4 for Keygate: parsing the {@code Authorization} header or a presigned query, building the
 * canonical request and string to sign, and verifying or producing {@code AWS4-HMAC-SHA256} signatures in plain JDK
 * code. It follows the AWS General Reference "Signature Version 4 signing process" and is checked against the
 * aws-c-auth SigV4 test suite.
 */
package io.keygate.protocol.sigv4;
