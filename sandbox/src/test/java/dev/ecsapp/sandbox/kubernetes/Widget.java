package dev.ecsapp.sandbox.kubernetes;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** The test custom resource of {@code widgets-crd.yaml}, typed the way the operator types its own. */
@Group("test.ecsapp.dev")
@Version("v1")
public class Widget extends CustomResource<Widget.Spec, Widget.Status> implements Namespaced {

    /** The desired state: one number. */
    public static class Spec {
        public int size;
    }

    /** The observed state: one word. */
    public static class Status {
        public String phase;
    }

    static Widget named(String namespace, String name, int size) {
        Widget widget = new Widget();
        widget.getMetadata().setNamespace(namespace);
        widget.getMetadata().setName(name);
        widget.setSpec(new Spec());
        widget.getSpec().size = size;
        return widget;
    }
}
