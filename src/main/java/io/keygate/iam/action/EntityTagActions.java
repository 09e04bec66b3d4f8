package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.EntityException;
import io.keygate.iam.EntityRepository;
import io.keygate.iam.Tags;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Tag/Untag/List…Tags for one kind of named entity, as IAM defines them for roles and users: tags merge (a key in
 * another case replaces the old one), at most the TagsPerEntity quota, {@code aws:RequestTag}/{@code aws:TagKeys} in
 * the authorization context, NoSuchEntity in the kind's words.
 *
 * @param <T> the entity record
 */
final class EntityTagActions<T> extends IamSupport {

    /** What differs between kinds. */
    record Kind<T>(String noun, String nameParameter, int maxNameLength, Pattern namePattern,
                   EntityRepository<T> repository, Function<T, Map<String, String>> tags,
                   BiFunction<T, Map<String, String>, T> withTags, Function<T, String> arn,
                   BiFunction<Caller, String, String> arnOfAbsent,
                   Function<String, EntityException> notFound) {
    }

    private final Kind<T> kind;

    EntityTagActions(IamContext iam, Kind<T> kind) {
        super(iam);
        this.kind = kind;
    }

    /** {@code Tag<noun>}, {@code Untag<noun>} and {@code List<noun>Tags}. */
    List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("Tag" + kind.noun(), this::tag),
                new IamAction("Untag" + kind.noun(), this::untag),
                new IamAction("List" + kind.noun() + "Tags", this::list));
    }

    private String name(QueryParams p) {
        return p.string(kind.nameParameter(), true, 1, kind.maxNameLength(), kind.namePattern());
    }

    private T authorized(Caller caller, String action, String name, Map<String, List<String>> context) {
        Optional<T> found = kind.repository().find(caller.accountId(), name);
        authorize(caller, action, found.map(kind.arn()).orElseGet(() -> kind.arnOfAbsent().apply(caller, name)),
                context);
        return found.orElseThrow(notFound(name));
    }

    private Supplier<EntityException> notFound(String name) {
        return () -> kind.notFound().apply(name);
    }

    ResultWriter tag(QueryParams p, Caller caller) {
        String name = name(p);
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        authorized(caller, "Tag" + kind.noun(), name, requestContext(tags, null));
        kind.repository().update(caller.accountId(), name, e -> {
            Map<String, String> merged = Tags.merge(kind.tags().apply(e), tags);
            checkTagQuota(merged);
            return kind.withTags().apply(e, merged);
        }).orElseThrow(notFound(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter untag(QueryParams p, Caller caller) {
        String name = name(p);
        List<String> keys = tagKeys(p);
        authorized(caller, "Untag" + kind.noun(), name, Map.of("aws:TagKeys", keys));
        kind.repository().update(caller.accountId(), name,
                e -> kind.withTags().apply(e, Tags.remove(kind.tags().apply(e), keys))).orElseThrow(notFound(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter list(QueryParams p, Caller caller) {
        T entity = authorized(caller, "List" + kind.noun() + "Tags", name(p), Map.of());
        return tagPage(kind.tags().apply(entity), p);
    }
}
