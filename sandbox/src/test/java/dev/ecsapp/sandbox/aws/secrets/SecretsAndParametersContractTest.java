package dev.ecsapp.sandbox.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.cli.AwsCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Secrets Manager and SSM Parameter Store through the real SDK clients and the AWS CLI v2: what a task's
 * {@code secrets} resolve from.
 */
class SecretsAndParametersContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    private SecretsManagerClient secrets;
    private SsmClient ssm;

    @BeforeEach
    void clients() {
        secrets = sandbox.client(SecretsManagerClient.builder());
        ssm = sandbox.client(SsmClient.builder());
    }

    @AfterEach
    void close() {
        secrets.close();
        ssm.close();
    }

    @Test
    void aSecretIsReadByNameAndArnAndANewValueMovesTheStages() {
        String arn = secrets.createSecret(r -> r.name("shop/db").secretString("{\"password\":\"one\"}")).arn();
        String second = secrets.putSecretValue(r -> r.secretId(arn).secretString("{\"password\":\"two\"}"))
                .versionId();

        GetSecretValueResponse current = secrets.getSecretValue(r -> r.secretId("shop/db"));
        GetSecretValueResponse previous = secrets.getSecretValue(r -> r.secretId(arn).versionStage("AWSPREVIOUS"));

        assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-[A-Za-z0-9]{6}");
        assertThat(current.secretString()).isEqualTo("{\"password\":\"two\"}");
        assertThat(current.versionId()).isEqualTo(second);
        assertThat(current.versionStages()).containsExactly("AWSCURRENT");
        assertThat(previous.secretString()).isEqualTo("{\"password\":\"one\"}");
        assertThat(sandbox.sandbox().secretValue(arn + ":password::")).contains("two");
        assertThat(sandbox.sandbox().secretValue(arn)).contains("{\"password\":\"two\"}");
    }

    @Test
    void secretsManagerRefusesADuplicateAndAnUnknownSecretAsAwsDoes() {
        secrets.createSecret(r -> r.name("api-key").secretString("k"));

        assertThatThrownBy(() -> secrets.createSecret(r -> r.name("api-key").secretString("k")))
                .isInstanceOf(ResourceExistsException.class)
                .hasMessageContaining("The operation failed because the secret api-key already exists.");
        assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Secrets Manager can't find the specified secret.");
    }

    @Test
    void aDeletedSecretIsGoneAtOnceWhenForcedAndNoLongerResolves() {
        String arn = secrets.createSecret(r -> r.name("temp").secretString("x")).arn();

        secrets.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));

        assertThatThrownBy(() -> secrets.describeSecret(r -> r.secretId(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(sandbox.sandbox().secretValue(arn)).isEmpty();
    }

    @Test
    void parametersHaveVersionsAndASecureStringIsShownOnlyWithDecryption() {
        ssm.putParameter(r -> r.name("/shop/db-url").type(ParameterType.STRING).value("postgres://db/one"));
        long version = ssm.putParameter(r -> r.name("/shop/db-url").value("postgres://db/two").overwrite(true))
                .version();
        ssm.putParameter(r -> r.name("/shop/token").type(ParameterType.SECURE_STRING).value("s3cret"));

        assertThat(version).isEqualTo(2);
        assertThat(ssm.getParameter(r -> r.name("/shop/db-url")).parameter().value()).isEqualTo("postgres://db/two");
        assertThat(ssm.getParameter(r -> r.name("/shop/token")).parameter().value()).isNotEqualTo("s3cret");
        assertThat(ssm.getParameter(r -> r.name("/shop/token").withDecryption(true)).parameter().value())
                .isEqualTo("s3cret");
        assertThat(ssm.getParametersByPath(r -> r.path("/shop")).parameters()).hasSize(2);
        assertThat(ssm.getParameters(r -> r.names("/shop/token", "/missing")).invalidParameters())
                .containsExactly("/missing");
        assertThat(sandbox.sandbox().secretValue("arn:aws:ssm:us-east-1:123456789012:parameter/shop/token"))
                .contains("s3cret");
    }

    @Test
    void parameterStoreRefusesAnOverwriteWithoutTheFlagAndAnUnknownName() {
        ssm.putParameter(r -> r.name("flag").type(ParameterType.STRING).value("on"));

        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("flag").type(ParameterType.STRING).value("off")))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("nope")))
                .isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void theAwsCliReadsBoth() throws Exception {
        AwsCli cli = new AwsCli(sandbox.endpoint());

        AwsCli.Result created = cli.run("secretsmanager", "create-secret", "--name", "cli-secret", "--secret-string",
                "hello");
        AwsCli.Result read = cli.run("secretsmanager", "get-secret-value", "--secret-id", "cli-secret",
                "--query", "SecretString", "--output", "text");
        AwsCli.Result put = cli.run("ssm", "put-parameter", "--name", "/cli/p", "--type", "String", "--value", "v1");
        AwsCli.Result got = cli.run("ssm", "get-parameter", "--name", "/cli/p", "--query", "Parameter.Value",
                "--output", "text");

        assertThat(created.exitCode()).as("%s", created).isZero();
        assertThat(read.stdout().trim()).as("%s", read).isEqualTo("hello");
        assertThat(put.exitCode()).as("%s", put).isZero();
        assertThat(got.stdout().trim()).as("%s", got).isEqualTo("v1");
    }
}
