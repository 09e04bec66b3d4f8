package io.keygate.error;

/**
 * Every AWS error code Keygate puts on the wire, with the HTTP status and fault the AWS API reference gives it.
 * Codes are grouped into {@link Family families}; each family has exactly one exception type.
 */
public enum AwsErrorCode {
    // --- input validation (400, Sender) ---
    /** A parameter failed a documented constraint (length, pattern, range). */
    ValidationError(400, Family.INPUT),
    /** A required parameter is absent. */
    MissingParameter(400, Family.INPUT),
    /** A parameter value is not acceptable (wrong type, duplicated, malformed encoding). */
    InvalidParameterValue(400, Family.INPUT),
    /** A parameter combination is not acceptable. */
    InvalidParameterCombination(400, Family.INPUT),
    /** The Action (or its Version) is not one Keygate serves. */
    InvalidAction(400, Family.INPUT),
    /** The request could not be parsed at all (bad form encoding, non-UTF-8, bad JSON). */
    MalformedQueryString(400, Family.INPUT),
    /** IAM's generic "bad input" code (InvalidInputException). */
    InvalidInput(400, Family.INPUT),
    /** A policy document failed grammar, syntax or size checks. */
    MalformedPolicyDocument(400, Family.INPUT),
    /** The packed session policy and tags exceed what fits in a session. */
    PackedPolicyTooLarge(400, Family.INPUT),
    /** A password does not satisfy the account password policy. */
    PasswordPolicyViolation(400, Family.INPUT),
    /** The operation is not valid for this kind of user (e.g. ChangePassword by root). */
    InvalidUserType(400, Family.INPUT),
    /** The entity cannot be modified (e.g. an AWS-managed policy). */
    UnmodifiableEntity(400, Family.INPUT),
    /** The policy cannot be attached to that entity. */
    PolicyNotAttachable(400, Family.INPUT),
    /** DecodeAuthorizationMessage was given something Keygate did not encode. */
    InvalidAuthorizationMessageException(400, Family.INPUT),
    /** GetWebIdentityToken: the token's claims would exceed the size Keygate signs. */
    JWTPayloadSizeExceededException(400, Family.INPUT),
    /** The request body exceeds the size Keygate accepts. */
    RequestEntityTooLarge(413, Family.INPUT),
    /** UploadSSHPublicKey: the key is not a valid RSA public key of at least 2048 bits. */
    InvalidPublicKey(400, Family.INPUT),
    /** UploadSSHPublicKey: the key is neither in ssh-rsa nor in PEM encoding. */
    UnrecognizedPublicKeyEncoding(400, Family.INPUT),
    /** UploadSSHPublicKey: the user already has this key. */
    DuplicateSSHPublicKey(400, Family.INPUT),
    /** Upload*Certificate: the certificate (or key, or chain) is not well-formed PEM/X.509. */
    MalformedCertificate(400, Family.INPUT),
    /** UploadSigningCertificate: the certificate is not valid (expired, not yet valid). */
    InvalidCertificate(400, Family.INPUT),
    /** UploadServerCertificate: the private key does not match the certificate's public key. */
    KeyPairMismatch(400, Family.INPUT),
    /** Cognito Identity: a parameter failed a documented constraint, or names something the pool cannot use. */
    InvalidParameterException(400, Family.INPUT),

    // --- authentication (signature, key, token) ---
    /** The Authorization header or presigned query is missing required parts. */
    IncompleteSignature(400, Family.AUTH),
    /** No authentication information at all was supplied for an action that requires it. */
    MissingAuthenticationToken(403, Family.AUTH),
    /** The access key id (or session token) is unknown, inactive or does not verify. */
    InvalidClientTokenId(403, Family.AUTH),
    /** The calculated signature does not match. */
    SignatureDoesNotMatch(403, Family.AUTH),
    /** The session token has expired. */
    ExpiredToken(403, Family.AUTH),
    /** The signed request is outside the allowed clock skew or its presigned expiry. */
    RequestExpired(400, Family.AUTH),
    /** An MFA code was wrong, reused or throttled. */
    InvalidAuthenticationCode(403, Family.AUTH),

    // --- authorization ---
    /** The policy engine denied the request. */
    AccessDenied(403, Family.ACCESS),
    /** GetWebIdentityToken: the account has not enabled outbound web identity federation. */
    OutboundWebIdentityFederationDisabledException(403, Family.ACCESS),
    /** GetWebIdentityToken: the token would outlive the calling session. */
    SessionDurationEscalationException(403, Family.ACCESS),
    /** The credentials' region is disabled. */
    RegionDisabledException(403, Family.ACCESS),

    // --- entities (IAM) ---
    /** The named entity does not exist. */
    NoSuchEntity(404, Family.ENTITY),
    /** An entity with that name already exists. */
    EntityAlreadyExists(409, Family.ENTITY),
    /** The entity still has dependents (keys, policies, members...). */
    DeleteConflict(409, Family.ENTITY),
    /** A quota would be exceeded. */
    LimitExceeded(409, Family.ENTITY),
    /** UploadSigningCertificate: the certificate is already associated with a user of the account. */
    DuplicateCertificate(409, Family.ENTITY),
    /** Service-specific credentials for a service that does not offer them. */
    NotSupportedService(404, Family.ENTITY),
    /** A concurrent change to the same entity won. */
    ConcurrentModification(409, Family.ENTITY),
    /** EnableOutboundWebIdentityFederation: already enabled. */
    FeatureEnabled(409, Family.ENTITY),
    /** Disable/GetOutboundWebIdentityFederation(Info): not enabled. */
    FeatureDisabled(404, Family.ENTITY),
    /** The credential report has not been generated. */
    ReportNotPresent(410, Family.ENTITY),
    /** The credential report is being generated. */
    ReportInProgress(404, Family.ENTITY),

    // --- Cognito Identity (identity pools) ---
    /** Cognito Identity: the caller may not do this (pool refuses guests, login not valid, IAM refused). */
    NotAuthorizedException(403, Family.ACCESS),
    /** Cognito Identity: the pool or identity does not exist. */
    ResourceNotFoundException(404, Family.ENTITY),
    /** Cognito Identity: the request conflicts with the stored state (a login linked to another identity). */
    ResourceConflictException(409, Family.ENTITY),
    /** Cognito Identity: a quota is reached (pools per account). */
    LimitExceededException(400, Family.ENTITY),
    /** Cognito Identity: the pool's roles cannot be used (no role for the identity, or its trust refuses). */
    InvalidIdentityPoolConfigurationException(400, Family.ACCESS),
    /** Cognito Identity: too many requests from one source (guest GetId). */
    TooManyRequestsException(429, Family.SERVICE),

    // --- federation ---
    /** The identity token or assertion is not valid. */
    InvalidIdentityToken(400, Family.FEDERATION),
    /** The identity provider's claims were rejected. */
    IDPRejectedClaim(403, Family.FEDERATION),
    /** The identity provider could not be reached. */
    IDPCommunicationError(400, Family.FEDERATION),
    /** The identity token or assertion has expired. */
    ExpiredTokenException(400, Family.FEDERATION),

    // --- service ---
    /** The caller sends requests too fast. */
    Throttling(400, Family.SERVICE),
    /** An unexpected fault inside Keygate; never carries details. */
    InternalFailure(500, Family.SERVICE),
    /** Keygate cannot serve the request now (store not ready). */
    ServiceUnavailable(503, Family.SERVICE);

    /** The families of error codes; each has exactly one exception type. */
    public enum Family { INPUT, AUTH, ACCESS, ENTITY, FEDERATION, SERVICE }

    private final int httpStatus;
    private final Family family;

    AwsErrorCode(int httpStatus, Family family) {
        this.httpStatus = httpStatus;
        this.family = family;
    }

    /** The HTTP status AWS answers with for this code. */
    public int httpStatus() {
        return httpStatus;
    }

    public Family family() {
        return family;
    }

    /** {@code Sender} for the caller's faults, {@code Receiver} for Keygate's own. */
    public String faultType() {
        return httpStatus >= 500 ? "Receiver" : "Sender";
    }
}
