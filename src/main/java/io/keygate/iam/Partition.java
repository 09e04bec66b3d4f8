package io.keygate.iam;

import java.util.Locale;
import java.util.Set;

/**
 * An AWS partition: the ARN prefix and the regions whose names may appear in a SigV4 credential scope.
 * Credentials are global within their partition and refused in any other, as in AWS.
 */
public enum Partition {
    AWS("aws", "aws-global", Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "mx-central-1",
            "sa-east-1")),
    AWS_CN("aws-cn", "aws-cn-global", Set.of("cn-north-1", "cn-northwest-1")),
    AWS_US_GOV("aws-us-gov", "aws-us-gov-global", Set.of("us-gov-west-1", "us-gov-east-1"));

    private final String id;
    private final String globalRegion;
    private final Set<String> regions;

    Partition(String id, String globalRegion, Set<String> regions) {
        this.id = id;
        this.globalRegion = globalRegion;
        this.regions = regions;
    }

    /** The partition name as it appears in ARNs ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public String id() {
        return id;
    }

    /**
     * Whether a region name may appear in a credential scope for this partition. The SDKs' pseudo-region for the
     * global endpoint ({@code aws-global}) counts as one of the partition's regions.
     */
    public boolean hasRegion(String region) {
        return region != null && (regions.contains(region) || globalRegion.equals(region));
    }

    public Set<String> regions() {
        return regions;
    }

    /** Parses a partition name; unknown names are a configuration error. */
    public static Partition of(String id) {
        String wanted = id.toLowerCase(Locale.ROOT).trim();
        for (Partition p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown partition '" + id + "': expected aws, aws-cn or aws-us-gov");
    }
}
