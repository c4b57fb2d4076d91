package dev.ecsapp.deploy.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operator's Deployment in a render, and what its one container is given. */
record OperatorPod(Deployment deployment) {

    static OperatorPod in(List<HasMetadata> objects) {
        return new OperatorPod(Manifests.only(objects, Deployment.class));
    }

    PodSpec spec() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    Container container() {
        List<Container> containers = spec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    /** The environment as literal values; a variable from a reference (valueFrom) has none and is left out. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container().getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        return env;
    }

    /** The number of a container port given by name or number, as a probe or a Service's targetPort gives it. */
    int portNumber(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }
}
