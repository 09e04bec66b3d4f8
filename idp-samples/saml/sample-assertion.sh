#!/usr/bin/env bash
# Produces a signed sample SAML response for local try-outs, with a throw-away IdP key:
#   idp-metadata.xml   the IdP metadata to register with `aws iam create-saml-provider`
#   response.b64       the base64 SAMLResponse for `aws sts assume-role-with-saml --saml-assertion file://response.b64`
# Needs openssl and xmlsec1 (Debian: apt-get install xmlsec1). Never use the throw-away key for anything real.
#
# usage: sample-assertion.sh ACCOUNT_ID ROLE_NAME PROVIDER_NAME [KEYGATE_URL] [SUBJECT]
set -euo pipefail
account=${1:?account id}; role=${2:?role name}; provider=${3:?provider name}
keygate=${4:-http://localhost:8080}; subject=${5:-alice@example.com}
issuer="https://idp.example.com/saml"
out=${OUT_DIR:-.}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

if [ ! -f "$out/idp-key.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 365 -subj "/CN=Throw-away sample IdP" \
      -keyout "$out/idp-key.pem" -out "$out/idp-cert.pem" 2>/dev/null
fi
cert=$(grep -v -- '-----' "$out/idp-cert.pem" | tr -d '\n')
cat > "$out/idp-metadata.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="$issuer">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>$cert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
  <md:Organization><md:OrganizationName xml:lang="en">Example</md:OrganizationName><md:OrganizationDisplayName xml:lang="en">Throw-away sample IdP for trying Keygate's SAML federation locally</md:OrganizationDisplayName><md:OrganizationURL xml:lang="en">https://idp.example.com/</md:OrganizationURL></md:Organization>
</md:EntityDescriptor>
XML

now=$(date -u +%Y-%m-%dT%H:%M:%SZ); later=$(date -u -d '+5 minutes' +%Y-%m-%dT%H:%M:%SZ)
rid="_r$(openssl rand -hex 16)"; aid="_a$(openssl rand -hex 16)"
acs="$keygate/saml"
role_arn="arn:aws:iam::$account:role/$role"; provider_arn="arn:aws:iam::$account:saml-provider/$provider"
cat > "$work/response.xml" <<XML
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="$rid" Version="2.0" IssueInstant="$now" Destination="$acs"><saml:Issuer>$issuer</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="$aid" Version="2.0" IssueInstant="$now"><saml:Issuer>$issuer</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#$aid"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">$subject</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="$later" Recipient="$acs"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="$now" NotOnOrAfter="$later"><saml:AudienceRestriction><saml:Audience>$acs</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="$now"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>$role_arn,$provider_arn</saml:AttributeValue></saml:Attribute><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>${subject%%@*}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>
XML
xmlsec1 --sign --privkey-pem "$out/idp-key.pem,$out/idp-cert.pem" \
    --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion --output "$work/signed.xml" "$work/response.xml"
base64 -w0 "$work/signed.xml" > "$out/response.b64"
echo "wrote $out/idp-metadata.xml and $out/response.b64 (valid for 5 minutes, usable once per role)"
