/**
 * Keygate's web console: server-rendered pages for a console session. Every page that reads or changes IAM does so
 * through the same Query actions and authorization as the API ({@link io.keygate.console.ActionInvoker}), so the
 * console can never do what the API would refuse to the same session. Pages carry no inline script; forms carry
 * the session's CSRF token.
 */
package io.keygate.console;
