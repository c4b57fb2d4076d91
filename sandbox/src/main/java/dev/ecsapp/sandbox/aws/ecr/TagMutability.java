package dev.ecsapp.sandbox.aws.ecr;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;

/** Whether a repository lets a tag move to another image (MUTABLE, IMMUTABLE, or either with exclusion filters). */
record TagMutability(ImageTagMutability mode, List<ImageTagMutabilityExclusionFilter> exclusions) {

    static final TagMutability MUTABLE = new TagMutability(ImageTagMutability.MUTABLE, List.of());

    private static final Pattern FILTER = Pattern.compile("[0-9a-zA-Z._*-]{1,128}");
    private static final int MAX_FILTERS = 5;

    /**
     * The setting a request asks for ({@code MUTABLE} when it names none).
     *
     * @throws AwsException InvalidParameterException for an unknown mode or filters that do not fit the mode
     */
    static TagMutability of(String mode, List<ImageTagMutabilityExclusionFilter> filters) {
        if (mode == null) {
            mode = ImageTagMutability.MUTABLE.toString();
        }
        ImageTagMutability parsed = ImageTagMutability.fromValue(mode);
        if (parsed == ImageTagMutability.UNKNOWN_TO_SDK_VERSION) {
            throw invalid(Constraints.enumValue("imageTagMutability", mode, ImageTagMutability.knownValues()));
        }
        List<ImageTagMutabilityExclusionFilter> exclusions = filters == null ? List.of() : List.copyOf(filters);
        boolean withExclusion = parsed == ImageTagMutability.IMMUTABLE_WITH_EXCLUSION
                || parsed == ImageTagMutability.MUTABLE_WITH_EXCLUSION;
        if (withExclusion && exclusions.isEmpty()) {
            throw invalid("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: "
                    + "'must be specified when imageTagMutability is " + parsed + "'");
        }
        if (!withExclusion && !exclusions.isEmpty()) {
            throw invalid("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: "
                    + "'can only be specified when imageTagMutability is IMMUTABLE_WITH_EXCLUSION or "
                    + "MUTABLE_WITH_EXCLUSION'");
        }
        if (exclusions.size() > MAX_FILTERS) {
            throw invalid(Constraints.maxLength("imageTagMutabilityExclusionFilters", exclusions, MAX_FILTERS));
        }
        for (ImageTagMutabilityExclusionFilter filter : exclusions) {
            if (filter.filterType() != ImageTagMutabilityExclusionFilterType.WILDCARD) {
                throw invalid(Constraints.enumValue("imageTagMutabilityExclusionFilters.member.filterType",
                        filter.filterTypeAsString(), ImageTagMutabilityExclusionFilterType.knownValues()));
            }
            if (filter.filter() == null || !FILTER.matcher(filter.filter()).matches()) {
                throw invalid(Constraints.pattern("imageTagMutabilityExclusionFilters.member.filter",
                        filter.filter(), "^[0-9a-zA-Z._*-]{1,128}"));
            }
        }
        return new TagMutability(parsed, exclusions);
    }

    /**
     * Whether pushing {@code tag} onto another image is refused. Exclusion filters name the tags that behave the
     * other way (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html).
     */
    boolean immutable(String tag) {
        boolean excluded = exclusions.stream().anyMatch(f -> matches(f.filter(), tag));
        return switch (mode) {
            case IMMUTABLE -> true;
            case IMMUTABLE_WITH_EXCLUSION -> !excluded;
            case MUTABLE_WITH_EXCLUSION -> excluded;
            default -> false;
        };
    }

    private static boolean matches(String wildcard, String tag) {
        return tag.matches(("\\Q" + wildcard + "\\E").replace("*", "\\E.*\\Q"));
    }

    private static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", message);
    }
}
