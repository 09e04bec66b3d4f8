#!/usr/bin/env bash
# A throw-away OpenID Connect issuer for trying AssumeRoleWithWebIdentity locally, with openssl only.
#
#   sample-token.sh issuer HOST:PORT
#       Makes (once) an RSA signing key and a self-signed TLS certificate for HOST in $OUT_DIR/sample-oidc, writes the
#       discovery document and the JWKS there, serves them at https://HOST:PORT in the background (openssl s_server;
#       its pid in sample-oidc/issuer.pid, its log in sample-oidc/issuer.log) and prints the certificate's SHA-1
#       thumbprint, the value for `create-open-id-connect-provider --thumbprint-list`.
#   sample-token.sh token HOST:PORT SUB AUD [SECONDS]
#       Prints a token signed with that key (RS256, no trailing newline): iss https://HOST:PORT, the given sub and aud,
#       valid for SECONDS (default 300).
#
# HOST is 127.0.0.1 or localhost: Keygate fetches keys from loopback only when it runs with
# KEYGATE_FEDERATION_OIDC_ALLOW_LOOPBACK=true. Needs bash and openssl 1.1.1 or newer.
# Never use the throw-away key or certificate for anything real.
set -euo pipefail

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

dir="${OUT_DIR:-.}/sample-oidc"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
hex_to_bin() { local hex=$1; [ $(( ${#hex} % 2 )) -eq 0 ] || hex="0$hex"; printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")"; }
kid() { openssl rsa -in "$dir/signing-key.pem" -noout -modulus 2>/dev/null | openssl dgst -sha256 -r | cut -c1-16; }

split_issuer() {
  case "$1" in
    127.0.0.1:[0-9]*|localhost:[0-9]*) host=${1%:*}; port=${1##*:} ;;
    *) echo "HOST:PORT must be 127.0.0.1:<port> or localhost:<port>, not '$1'" >&2; exit 2 ;;
  esac
}

issuer() {
  split_issuer "${1:?HOST:PORT}"
  local url="https://$host:$port"
  mkdir -p "$dir/www/.well-known"
  if [ ! -f "$dir/signing-key.pem" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem" 2>/dev/null
  fi
  if [ ! -f "$dir/tls-cert.pem" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 30 \
        -subj "/CN=Throw-away sample OIDC issuer" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$dir/tls-key.pem" -out "$dir/tls-cert.pem" 2>/dev/null
  fi
  local n
  n=$(hex_to_bin "$(openssl rsa -in "$dir/signing-key.pem" -noout -modulus 2>/dev/null | sed 's/^Modulus=//')" | b64url)
  printf '{"issuer":"%s","jwks_uri":"%s/jwks.json","response_types_supported":["id_token"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}\n' \
      "$url" "$url" > "$dir/www/.well-known/openid-configuration"
  printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"AQAB"}]}\n' "$(kid)" "$n" \
      > "$dir/www/jwks.json"

  if [ -f "$dir/issuer.pid" ] && kill -0 "$(cat "$dir/issuer.pid")" 2>/dev/null; then
    kill "$(cat "$dir/issuer.pid")"   # a previous run's issuer: serve the files just written instead
    sleep 0.5
  fi
  (cd "$dir/www" && exec openssl s_server -quiet -WWW -accept "$host:$port" \
      -cert ../tls-cert.pem -key ../tls-key.pem >../issuer.log 2>&1 </dev/null) &
  echo $! > "$dir/issuer.pid"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
      openssl x509 -in "$dir/tls-cert.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
      return
    fi
    kill -0 "$(cat "$dir/issuer.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "the issuer did not start; see $dir/issuer.log" >&2
  exit 1
}

token() {
  split_issuer "${1:?HOST:PORT}"
  local sub=${2:?SUB} aud=${3:?AUD} seconds=${4:-300}
  case "$sub$aud" in *'"'*|*'\'*) echo "SUB and AUD may not contain quotes or backslashes" >&2; exit 2 ;; esac
  [ -f "$dir/signing-key.pem" ] || { echo "no key in $dir: run '$0 issuer $1' first" >&2; exit 1; }
  local now header claims input
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$(kid)" | b64url)
  claims=$(printf '{"iss":"https://%s:%s","sub":"%s","aud":"%s","iat":%d,"nbf":%d,"exp":%d,"jti":"%s"}' \
      "$host" "$port" "$sub" "$aud" "$now" "$now" $((now + seconds)) "$(openssl rand -hex 12)" | b64url)
  input="$header.$claims"
  printf '%s.%s' "$input" "$(printf '%s' "$input" | openssl dgst -sha256 -sign "$dir/signing-key.pem" -binary | b64url)"
}

case "${1:-}" in
  issuer) shift; issuer "$@" ;;
  token) shift; token "$@" ;;
  *) usage ;;
esac
