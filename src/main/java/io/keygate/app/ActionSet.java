package io.keygate.app;

import java.util.List;

import io.keygate.auth.Caller;
import io.keygate.protocol.query.QueryAction;

/**
 * A group of Query actions contributed by one feature (STS, IAM, …); the dispatcher serves the union of every
 * produced set.
 */
public record ActionSet(List<QueryAction<Caller>> actions) {

    public ActionSet {
        actions = List.copyOf(actions);
    }
}
