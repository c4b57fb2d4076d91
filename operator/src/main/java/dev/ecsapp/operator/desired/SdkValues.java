package dev.ecsapp.operator.desired;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

// The SDK's own member list is used rather than a hand-written one, so a member AWS adds to the API is compared as
// soon as the SDK knows it, instead of being ignored until someone notices.
/** SDK model values in a form that compares by meaning: objects as sorted maps, absent, empty and default left out. */
final class SdkValues {

    private SdkValues() {
    }

    /**
     * The comparable form of {@code value} found at {@code path} (member names joined by dots, list elements at their
     * list's path), or null when it means "not set": null, empty, or equal to {@code defaults.get(path)}.
     */
    static Object of(String path, Object value, Map<String, Object> defaults) {
        Object form = value;
        if (value instanceof SdkPojo pojo) {
            form = members(path, pojo, defaults);
        } else if (value instanceof Collection<?> list) {
            form = elements(path, list, defaults);
        } else if (value instanceof Map<?, ?> map) {
            form = entries(path, map, defaults);
        }
        return isUnset(form) || form.equals(defaults.get(path)) ? null : form;
    }

    /** The members of an SDK object by wire name, those not set left out. */
    static SortedMap<String, Object> members(String path, SdkPojo pojo, Map<String, Object> defaults) {
        SortedMap<String, Object> members = new TreeMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object member = of(path + "." + field.locationName(), field.getValueOrDefault(pojo), defaults);
            if (member != null) {
                members.put(field.locationName(), member);
            }
        }
        return members;
    }

    private static List<Object> elements(String path, Collection<?> list, Map<String, Object> defaults) {
        List<Object> elements = new ArrayList<>();
        for (Object element : list) {
            // An element is kept even when nothing in it is set: a list of two is not a list of one.
            Object form = of(path, element, defaults);
            elements.add(form == null ? Map.of() : form);
        }
        return elements;
    }

    private static SortedMap<String, Object> entries(String path, Map<?, ?> map, Map<String, Object> defaults) {
        SortedMap<String, Object> entries = new TreeMap<>();
        map.forEach((key, entry) -> {
            Object form = of(path + "." + key, entry, defaults);
            if (form != null) {
                entries.put(String.valueOf(key), form);
            }
        });
        return entries;
    }

    private static boolean isUnset(Object form) {
        return form == null
                || form instanceof Collection<?> list && list.isEmpty()
                || form instanceof Map<?, ?> map && map.isEmpty();
    }
}
