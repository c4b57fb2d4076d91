package dev.ecsapp.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One web application on ECS Fargate: its image, size, network, load balancer rule, scaling and rollout. */
@Group(EcsApp.GROUP)
@Version(EcsApp.VERSION)
@Kind("EcsApp")
@Singular("ecsapp")
@Plural("ecsapps")
@ShortNames("ea")
// kubectl shows these in the CRD's order, and the generator orders them by jsonPath: AGE, READY, DESIRED, IMAGE,
// RUNNING, URL. Declared here in the order they are meant to be read.
@AdditionalPrinterColumn(name = "READY", type = Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "IMAGE", type = Type.STRING, jsonPath = ".status.image")
@AdditionalPrinterColumn(name = "RUNNING", type = Type.INTEGER, jsonPath = ".status.runningCount")
@AdditionalPrinterColumn(name = "DESIRED", type = Type.INTEGER, jsonPath = ".status.desiredCount")
@AdditionalPrinterColumn(name = "URL", type = Type.STRING, jsonPath = ".status.url")
// A CRD with its own columns loses kubectl's default AGE column, so it is declared again.
@AdditionalPrinterColumn(name = "AGE", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class EcsApp extends CustomResource<EcsAppSpec, EcsAppStatus> implements Namespaced {

    public static final String GROUP = "ecsapp.dev";
    public static final String VERSION = "v1alpha1";
}
