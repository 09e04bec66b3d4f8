/**
 * The STS actions (Version 2011-06-15), one class each: validate parameters, authorize, mint or report
 * credentials. Request and response shapes follow the AWS STS API reference.
 */
package io.keygate.sts;
