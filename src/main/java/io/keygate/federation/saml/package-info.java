/**
 * SAML 2.0 for AssumeRoleWithSAML and the console's {@code POST /saml}: provider metadata, the SP side's settings,
 * and the validation pipeline of small named checks that turns a base64 {@code Response} (Web Browser SSO profile,
 * HTTP-POST binding; SAML 2.0 Core and Profiles, XML Signature and XML Encryption) into a verified assertion and
 * the roles it offers. Plain Java over the JDK's DOM and Apache Santuario; nothing here knows HTTP or the store.
 */
package io.keygate.federation.saml;
