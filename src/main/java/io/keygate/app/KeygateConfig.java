package io.keygate.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Keygate's configuration ({@code keygate.*}); every property can also be set as an environment variable in the
 * usual Quarkus way ({@code KEYGATE_DATA_DIR} ↔ {@code keygate.data-dir}).
 */
@ConfigMapping(prefix = "keygate")
public interface KeygateConfig {

    /** Where the embedded store, the key ring and the bootstrap credentials live. */
    @WithDefault("./data")
    Path dataDir();

    /** The URL clients reach Keygate at (used in links, issuers and sign-in URLs). */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** The AWS partition Keygate serves: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    @WithDefault("aws")
    String partition();

    /** The region Keygate reports as its own. */
    @WithDefault("us-east-1")
    String region();

    /** Regions of the partition whose requests are refused with {@code RegionDisabledException}. */
    Optional<List<String>> disabledRegions();

    /** What the first start with an empty store creates. */
    BootstrapConfig bootstrap();

    /** Key material. */
    KeysConfig keys();

    /** HTTP limits of the AWS endpoints. */
    HttpConfig http();

    /** Clustered mode (see docs/cluster.md); off = one node with its embedded store. */
    ClusterConfig cluster();

    /** Console sign-in. */
    SigninConfig signin();

    /** Console sign-in settings. */
    interface SigninConfig {
        /**
         * URL prefixes, besides Keygate's own console ({@code <public-url>/console}), that the federation endpoint's
         * {@code login} may redirect to (for example a portal in front of Keygate). Absent = none: every other
         * {@code Destination} is refused, so the endpoint is never an open redirect.
         */
        java.util.Optional<java.util.List<String>> allowedDestinations();

        /** IAM user sign-in: failed sign-ins per user (account + user name) before it backs off for the window. */
        @WithDefault("5")
        int maxFailuresPerUser();

        /** IAM user sign-in: failed sign-ins per source address before it backs off for the window. */
        @WithDefault("20")
        int maxFailuresPerSource();

        /** IAM user sign-in: how long failures are counted (from the first) and sign-in stays refused. */
        @WithDefault("PT15M")
        java.time.Duration failureWindow();
    }

    /** First-start settings. */
    interface BootstrapConfig {
        /** The first account's id (12 digits); random when absent. */
        Optional<String> accountId();

        /** The root access key id of the first account; generated when absent. */
        Optional<String> rootAccessKeyId();

        /** The root secret access key of the first account; generated when absent. Never logged. */
        Optional<String> rootSecretAccessKey();

        /**
         * A declarative bootstrap file (YAML, see docs/bootstrap.md): managed policies, groups, users and roles
         * created at every start when missing. Absent = none.
         */
        Optional<Path> file();
    }

    /** Key ring settings. */
    interface KeysConfig {
        /**
         * An encoded key ring to use instead of the file in the data directory (for clusters: all nodes must share
         * it). Never logged.
         */
        Optional<String> ring();
    }

    /** Cluster settings ({@code KEYGATE_CLUSTER_*}). */
    interface ClusterConfig {
        /** Whether this node joins a cluster over JGroups; false = a single node. */
        @WithDefault("false")
        boolean enabled();

        /** {@code host:port} this node listens on for JGroups (TCP); failure detection uses port + 50. */
        @WithDefault("127.0.0.1:7800")
        String bind();

        /** Static discovery: {@code host:port} of the members, comma-separated. */
        Optional<List<String>> members();

        /** DNS discovery: a name whose A records are the members (a Kubernetes headless service). */
        Optional<String> dnsQuery();

        /** This node's name in cluster views and logs; the host name when absent. */
        Optional<String> nodeName();

        /**
         * Tests only: lets {@code POST /api/v1/cluster/isolation} cut this node off its cluster. Never in
         * production.
         */
        @WithDefault("false")
        boolean faultInjection();
    }

    /** HTTP settings. */
    interface HttpConfig {
        /** The largest request body the Query endpoint accepts, in bytes. */
        @WithDefault("262144")
        int maxBodyBytes();
    }
}
