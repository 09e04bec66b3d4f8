package io.keygate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated and compiled policy document: its id (the policy ARN, or a name such as
 * {@code user/alice/inline/S3Access} chosen by the caller), its type, the original text as given and the compiled
 * statements. Obtain one from {@link Policies#parse}; evaluating it never parses JSON or compiles patterns.
 * Immutable and thread-safe.
 */
public final class Policy {

    /** Version {@code 2012-10-17}: policy variables are substituted. */
    public static final String VERSION_2012 = "2012-10-17";
    /** Version {@code 2008-10-17} (also the default when Version is absent): variables are literal text. */
    public static final String VERSION_2008 = "2008-10-17";

    private final String id;
    private final PolicyType type;
    private final String text;
    private final String version;
    private final String documentId;
    private final List<Statement> statements;
    private final java.util.Map<String, Statement[]> byService;
    private final Statement[] anyService;
    /** Per layer and statement index, the MatchedStatement a decision reports; made on first use, then shared. */
    private final MatchedStatement[][] matched;

    Policy(String id, PolicyType type, String text, String version, String documentId, List<Statement> statements) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = type;
        this.text = text;
        this.version = version;
        this.documentId = documentId;
        this.statements = List.copyOf(statements);
        // Index statements by the service their actions name, so evaluation looks only at statements that can
        // match the request's action; statements that can match any service are in every list. Order is kept.
        java.util.Map<String, List<Statement>> index = new java.util.HashMap<>();
        List<Statement> generic = new java.util.ArrayList<>();
        String[][] services = new String[statements.size()][];
        for (int i = 0; i < services.length; i++) {
            services[i] = statements.get(i).services();
            if (services[i] != null) {
                for (String s : services[i]) {
                    index.putIfAbsent(s, new java.util.ArrayList<>());
                }
            }
        }
        for (int i = 0; i < services.length; i++) {
            Statement st = statements.get(i);
            if (services[i] == null) {
                generic.add(st);
                for (List<Statement> l : index.values()) {
                    l.add(st);
                }
            } else {
                for (String s : services[i]) {
                    index.get(s).add(st);
                }
            }
        }
        java.util.Map<String, Statement[]> frozen = new java.util.HashMap<>(index.size() * 2);
        index.forEach((k, v) -> frozen.put(k, v.toArray(new Statement[v.size()])));
        this.byService = frozen;
        this.anyService = generic.toArray(new Statement[generic.size()]);
        this.matched = new MatchedStatement[PolicyLayer.values().length][statements.size()];
    }

    /**
     * The record of {@code st} (one of this policy's statements) matching in {@code layer}. Cached so that deciding
     * allocates nothing per matched statement. Threads may race to fill a slot: harmless, as each would store an
     * equal record, and a record's final fields make it safely visible to other threads.
     */
    MatchedStatement matched(Statement st, PolicyLayer layer) {
        MatchedStatement[] row = matched[layer.ordinal()];
        MatchedStatement m = row[st.index()];
        if (m == null) {
            m = new MatchedStatement(id, st.index(), st.sid().orElse(null), st.effect(), layer);
            row[st.index()] = m;
        }
        return m;
    }

    /** The statements that can match an action of {@code lowerService}, in document order. */
    Statement[] candidates(String lowerService) {
        Statement[] s = byService.get(lowerService);
        return s != null ? s : anyService;
    }

    /** The caller's id for this policy, used in decisions and simulation results. */
    public String id() {
        return id;
    }

    /** The document type it was validated as. */
    public PolicyType type() {
        return type;
    }

    /** The document text exactly as given. */
    public String text() {
        return text;
    }

    /** The {@code Version} element, or {@code 2008-10-17} when absent. */
    public String version() {
        return version;
    }

    /** The optional {@code Id} element of the document. */
    public Optional<String> documentId() {
        return Optional.ofNullable(documentId);
    }

    /** The compiled statements in document order. */
    public List<Statement> statements() {
        return statements;
    }

    /** The same compiled policy under another id (no re-parsing). */
    public Policy withId(String newId) {
        return new Policy(newId, type, text, version, documentId, statements);
    }

    @Override
    public String toString() {
        return "Policy[" + id + ", " + type + ", " + statements.size() + " statements]";
    }
}
