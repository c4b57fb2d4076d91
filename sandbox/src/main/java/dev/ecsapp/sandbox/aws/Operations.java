package dev.ecsapp.sandbox.aws;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkPojo;

/** The operations one {@link AwsApi} implements, found once by reflection: name to method and request class. */
final class Operations {

    record Operation(String name, Method method, Class<? extends SdkPojo> requestClass) {
    }

    private final Map<String, Operation> byName = new TreeMap<>();

    @SuppressWarnings("unchecked")
    Operations(AwsApi api) {
        String modelPackage = api.spec().modelPackage();
        for (Method method : api.getClass().getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (Modifier.isStatic(method.getModifiers()) || parameters.length != 1
                    || !parameters[0].getPackageName().equals(modelPackage)
                    || !parameters[0].getSimpleName().endsWith("Request")) {
                continue;
            }
            String name = parameters[0].getSimpleName().substring(0, parameters[0].getSimpleName().length() - 7);
            if (!method.getName().equals(Character.toLowerCase(name.charAt(0)) + name.substring(1))) {
                continue;
            }
            byName.put(name, new Operation(name, method, (Class<? extends SdkPojo>) parameters[0]));
        }
    }

    Operation find(String name) {
        return byName.get(name);
    }
}
