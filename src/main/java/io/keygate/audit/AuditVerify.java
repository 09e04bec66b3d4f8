package io.keygate.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/keygate-audit verify <dir>}: checks the hash chain of every node's trail in {@code dir}; exit status 0
 * when all are intact, 1 when one is broken (the first break is printed), 2 when there is nothing to check.
 */
public final class AuditVerify {

    private AuditVerify() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/audit");
        List<String> nodes = AuditLog.nodes(dir);
        if (nodes.isEmpty()) {
            System.err.println("no audit trail in " + dir);
            System.exit(2);
        }
        boolean intact = true;
        for (String node : nodes) {
            AuditLog.Verification v = AuditLog.verify(dir, node);
            if (v.intact()) {
                System.out.println(node + ": " + v.events() + " events, chain intact");
            } else {
                System.out.println(node + ": BROKEN after " + v.events() + " events: " + v.firstBreak());
                intact = false;
            }
        }
        System.exit(intact ? 0 : 1);
    }
}
