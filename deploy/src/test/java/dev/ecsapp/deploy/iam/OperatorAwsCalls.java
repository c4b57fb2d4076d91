package dev.ecsapp.deploy.iam;

import dev.ecsapp.operator.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.SdkClient;

/**
 * The AWS actions the operator's compiled classes call, read from their bytecode: every method of an AWS SDK service
 * client they refer to whose parameter is an SDK request is one AWS operation. Nothing here is a list kept by hand.
 */
final class OperatorAwsCalls {

    /** Where the operator's own classes are, in the jar or the directory that holds them. */
    static final String OPERATOR_PACKAGE = "dev/ecsapp/operator/";
    private static final String SDK_SERVICES = "software/amazon/awssdk/services/";

    private OperatorAwsCalls() {
    }

    /** IAM action (prefix:Operation) to the operator classes that call it. */
    static SortedMap<String, SortedSet<String>> scan() {
        SortedMap<String, SortedSet<String>> actions = new TreeMap<>();
        for (MethodReferences classFile : operatorClasses()) {
            for (MethodReferences.Reference reference : classFile.references()) {
                iamAction(reference).ifPresent(action -> actions.computeIfAbsent(action, a -> new TreeSet<>())
                        .add(classFile.className()));
            }
        }
        return actions;
    }

    /**
     * The IAM action a call stands for, or empty when the callee is no AWS operation (close, builder, a model
     * getter). The IAM prefix is the client's SERVICE_NAME, the SDK's signing name, which is the IAM service prefix
     * for every service the operator uses (ECR's endpoint is api.ecr, but it signs, and IAM names it, as ecr).
     */
    static Optional<String> iamAction(MethodReferences.Reference reference) {
        if (!reference.owner().startsWith(SDK_SERVICES)) {
            return Optional.empty();
        }
        Class<?> owner = load(reference.owner());
        // A waiter polls operations of its own that no client method here names: the scan would miss them.
        if (owner.getSimpleName().endsWith("Waiter")) {
            throw new IllegalStateException("the operator uses " + owner.getName() + "." + reference.name()
                    + ": map the operations that waiter polls before trusting this scan");
        }
        if (!owner.isInterface() || !SdkClient.class.isAssignableFrom(owner)) {
            return Optional.empty();
        }
        for (Method method : owner.getMethods()) {
            if (method.getName().equals(reference.name()) && method.getParameterCount() == 1
                    && AwsRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
                // The request class names the operation: DescribeServicesRequest is DescribeServices, and a paginator
                // (describeLogGroupsPaginator) takes the request of the one operation it repeats.
                String request = method.getParameterTypes()[0].getSimpleName();
                return Optional.of(signingName(owner) + ":" + request.substring(0, request.length()
                        - "Request".length()));
            }
        }
        return Optional.empty();
    }

    private static String signingName(Class<?> client) {
        try {
            return (String) client.getField("SERVICE_NAME").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(client.getName() + " has no SERVICE_NAME", e);
        }
    }

    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, OperatorAwsCalls.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the operator refers to " + internalName + ", which is not on the class path",
                    e);
        }
    }

    /** Every class of the operator's main code (not its tests), from the jar or directory AwsClients came from. */
    static List<MethodReferences> operatorClasses() {
        Path location;
        try {
            location = Path.of(AwsClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<MethodReferences> classes = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve(OPERATOR_PACKAGE))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            classes.add(MethodReferences.read(className(location.relativize(file).toString()), in));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(OPERATOR_PACKAGE) && entry.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                classes.add(MethodReferences.read(className(entry.getName()), in));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private static String className(String path) {
        return path.replace('\\', '/').replace(".class", "").replace('/', '.');
    }
}
