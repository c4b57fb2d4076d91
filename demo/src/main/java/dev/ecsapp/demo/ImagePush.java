package dev.ecsapp.demo;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import dev.ecsapp.operator.aws.AwsClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

/**
 * Pushes the reference service's image to the sandbox's ECR as the release workflow pushes it to ECR: the image Jib
 * built from {@code service/pom.xml} ({@code service/target/jib-image.tar}), sent by Jib Core over the registry API
 * with the password of ECR's GetAuthorizationToken. No Docker daemon anywhere.
 */
final class ImagePush {

    private ImagePush() {
    }

    /** The pushed image's reference as a task definition names it, with its digest. */
    record Pushed(String image, String digest) {
    }

    static Pushed push(AwsClients aws, URI awsEndpoint, Path tar, String repository, String tag) throws Exception {
        return push(aws, awsEndpoint, tar, repository, tag, image -> { });
    }

    /**
     * Pushes the image of {@code tar} as {@code change} alters it (another environment, entrypoint...): a new image
     * with its own config and digest, layers shared with the first.
     */
    static Pushed push(AwsClients aws, URI awsEndpoint, Path tar, String repository, String tag,
            Consumer<JibContainerBuilder> change) throws Exception {
        String repositoryUri;
        try {
            repositoryUri = aws.ecr().createRepository(r -> r.repositoryName(repository)).repository()
                    .repositoryUri();
        } catch (RepositoryAlreadyExistsException e) {
            repositoryUri = aws.ecr().describeRepositories(r -> r.repositoryNames(repository)).repositories().get(0)
                    .repositoryUri();
        }
        String token = aws.ecr().getAuthorizationToken().authorizationData().get(0).authorizationToken();
        String[] userAndPassword = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
        // The sandbox's registry is plain HTTP on loopback: Jib sends credentials over it only when told to.
        System.setProperty("sendCredentialsOverHttp", "true");
        String target = awsEndpoint.getHost() + ":" + awsEndpoint.getPort() + "/" + repository + ":" + tag;
        JibContainerBuilder image = Jib.from(TarImage.at(tar));
        change.accept(image);
        JibContainer pushed = image.containerize(Containerizer.to(RegistryImage.named(target)
                                .addCredential(userAndPassword[0], userAndPassword[1]))
                        .setAllowInsecureRegistries(true)
                        .setToolName("ecsapp-demo"));
        return new Pushed(repositoryUri + ":" + tag, pushed.getDigest().toString());
    }
}
