package io.keygate.app;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.inject.Singleton;

import io.keygate.protocol.model.ServiceModel;

/**
 * The AWS service models Keygate reads (IAM, STS, Cognito Identity), parsed on a thread of their own from the moment
 * this bean is made, so that the boot does not wait for the 1 MB of JSON: {@link StartupOrder} makes it first thing.
 */
@Singleton
public class ServiceModels {

    private final Map<String, CompletableFuture<ServiceModel>> models = Map.of(
            ServiceModel.IAM, new CompletableFuture<>(),
            ServiceModel.STS, new CompletableFuture<>(),
            ServiceModel.COGNITO_IDENTITY, new CompletableFuture<>());

    ServiceModels() {
        Thread parser = new Thread(() -> {
            for (String resource : new String[] {ServiceModel.IAM, ServiceModel.STS, ServiceModel.COGNITO_IDENTITY}) {
                try {
                    models.get(resource).complete(ServiceModel.load(resource));
                } catch (RuntimeException e) {
                    models.get(resource).completeExceptionally(e);
                }
            }
        }, "keygate-service-models");
        parser.setDaemon(true);
        parser.start();
    }

    /** The model of {@code resource} (one of {@link ServiceModel}'s constants), waiting for its parse. */
    ServiceModel get(String resource) {
        CompletableFuture<ServiceModel> model = models.get(resource);
        if (model == null) {
            throw new IllegalArgumentException("Not a model Keygate ships: " + resource);
        }
        try {
            return model.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
