package dev.ecsapp.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import com.fasterxml.jackson.databind.ser.VirtualBeanPropertyWriter;
import com.fasterxml.jackson.databind.util.Annotations;
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
import java.util.Optional;

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
// What could not be read is written back as it was stored, so that a copy (java-operator-sdk clones every object it
// hands over) is unreadable in the same way and a write of the object never loses what the user wrote. Prepended, so
// that the CRD generator, which lists properties in order, takes the typed spec and status after them.
@JsonAppend(prepend = true, props = {
        @JsonAppend.Prop(value = EcsApp.AsStored.class, name = "spec", type = JsonNode.class),
        @JsonAppend.Prop(value = EcsApp.AsStored.class, name = "status", type = JsonNode.class)})
public class EcsApp extends CustomResource<EcsAppSpec, EcsAppStatus> implements Namespaced {

    public static final String GROUP = "ecsapp.dev";
    public static final String VERSION = "v1alpha1";

    // Set only while getSpec() (getStatus()) is null because the stored JSON does not fit the model.
    @JsonIgnore
    private Unreadable unreadableSpec;
    @JsonIgnore
    private Unreadable unreadableStatus;

    /**
     * Reads the stored spec as strictly as the CRD's schema would (the API server may not have checked it: a CRD
     * installed without validation, or a different schema); a spec that does not fit leaves getSpec() null and is
     * kept as it was written, with the field and the reason, instead of failing the informer of every app.
     */
    @JsonSetter("spec")
    void readSpec(JsonNode stored) {
        StrictReader.Reading<EcsAppSpec> reading = stored == null || stored.isNull() ? new StrictReader.Reading<>(
                null, null) : StrictReader.read(stored, EcsAppSpec.class, "spec");
        super.setSpec(reading.value());
        unreadableSpec = reading.unreadable();
    }

    /** The status the operator wrote; one it cannot read (another version wrote it) counts as none. */
    @JsonSetter("status")
    void readStatus(JsonNode stored) {
        StrictReader.Reading<EcsAppStatus> reading = stored == null || stored.isNull() ? new StrictReader.Reading<>(
                null, null) : StrictReader.read(stored, EcsAppStatus.class, "status");
        super.setStatus(reading.value());
        unreadableStatus = reading.unreadable();
    }

    @Override
    public void setSpec(EcsAppSpec spec) {
        super.setSpec(spec);
        unreadableSpec = null;
    }

    @Override
    public void setStatus(EcsAppStatus status) {
        super.setStatus(status);
        unreadableStatus = null;
    }

    /** Why the stored spec cannot be read, when it cannot; getSpec() is null then. */
    public Optional<Unreadable> unreadableSpec() {
        return Optional.ofNullable(unreadableSpec);
    }

    /** Why the stored status cannot be read, when it cannot; getStatus() is null then. */
    public Optional<Unreadable> unreadableStatus() {
        return Optional.ofNullable(unreadableStatus);
    }

    /** Writes the spec or status as stored when the model could not read it; nothing otherwise. */
    static final class AsStored extends VirtualBeanPropertyWriter {

        /** For Jackson, which instantiates it before {@link #withConfig}. */
        AsStored() {
        }

        private AsStored(BeanPropertyDefinition property, Annotations annotations, JavaType type) {
            super(property, annotations, type);
        }

        @Override
        protected Object value(Object bean, JsonGenerator generator, SerializerProvider provider) {
            EcsApp app = (EcsApp) bean;
            Unreadable unreadable = "spec".equals(getName()) ? app.unreadableSpec : app.unreadableStatus;
            return unreadable == null ? null : unreadable.stored();
        }

        @Override
        public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
                BeanPropertyDefinition property, JavaType type) {
            return new AsStored(property, declaringClass.getAnnotations(), type);
        }

        /** Not part of the CRD's schema: the typed spec and status are. */
        @Override
        public void depositSchemaProperty(JsonObjectFormatVisitor visitor, SerializerProvider provider) {
        }
    }
}
