package io.keygate.revocation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A revocation as the JSON API shows it (AWS-style member names; absent members omitted). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationView(
        @JsonProperty("RevocationId") String revocationId,
        @JsonProperty("Kind") String kind,
        @JsonProperty("AccessKeyId") String accessKeyId,
        @JsonProperty("SourceIdentity") String sourceIdentity,
        @JsonProperty("RoleArn") String roleArn,
        @JsonProperty("IssuedBefore") Instant issuedBefore,
        @JsonProperty("Provider") String provider,
        @JsonProperty("Subject") String subject,
        @JsonProperty("CreatedAt") Instant createdAt,
        @JsonProperty("ExpiresAt") Instant expiresAt,
        @JsonProperty("CreatedBy") String createdBy) {

    static RevocationView of(Revocation r) {
        return new RevocationView(r.id(), r.kind().name(), r.accessKeyId(), r.sourceIdentity(), r.roleArn(),
                r.issuedBefore(), r.provider(), r.subject(), r.createdAt(), r.expiresAt(), r.createdBy());
    }
}
