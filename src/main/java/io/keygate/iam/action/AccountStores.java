package io.keygate.iam.action;

import io.keygate.iam.AccountPreferences;
import io.keygate.iam.DeletionTask;
import io.keygate.iam.EntityRepository;

/** Store ports of account preferences and of service-linked role deletion tasks. */
public record AccountStores(EntityRepository<AccountPreferences> preferences,
                            EntityRepository<DeletionTask> deletionTasks) {
}
