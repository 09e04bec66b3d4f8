/**
 * Quarkus wiring only: configuration mapping, CDI producers that build the plain-Java core, the Vert.x routes,
 * start-up bootstrap and health checks. Nothing else imports this package.
 */
package io.keygate.app;
