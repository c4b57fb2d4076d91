package dev.ecsapp.sandbox.aws.ecr;

import dev.ecsapp.sandbox.aws.protocol.Constraints;
import java.util.Optional;
import java.util.regex.Pattern;

/** ECR's rule for repository names (API_CreateRepository: 2 to 256 characters of a fixed pattern). */
final class RepositoryNames {

    // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
    static final String PATTERN = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = 256;

    private RepositoryNames() {
    }

    /** What ECR says about the name (InvalidParameterException's message), or empty when it is valid. */
    static Optional<String> problem(String name) {
        if (name == null) {
            return Optional.of(Constraints.notNull("repositoryName"));
        }
        if (name.length() < MIN_LENGTH) {
            return Optional.of(Constraints.minLength("repositoryName", name, MIN_LENGTH));
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of(Constraints.maxLength("repositoryName", name, MAX_LENGTH));
        }
        if (!COMPILED.matcher(name).matches()) {
            // ECR words a pattern failure its own way, quoting the expression.
            return Optional.of("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy "
                    + "regular expression '" + PATTERN + "''");
        }
        return Optional.empty();
    }
}
