/**
 * The decision API for resource servers, {@code POST /api/v1/authorize}: a service behind Keygate forwards the
 * request an end client signed with its Keygate credentials, and Keygate answers who signed it and whether the
 * policies allow the action on the resource (issue 3 item 8; see {@code docs/decision-api.md}).
 */
package io.keygate.decision;
