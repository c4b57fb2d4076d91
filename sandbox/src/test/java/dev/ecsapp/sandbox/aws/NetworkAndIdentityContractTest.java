package dev.ecsapp.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsapp.sandbox.SandboxExtension;
import dev.ecsapp.sandbox.aws.ec2.Ec2Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.sts.StsClient;

class NetworkAndIdentityContractTest {

    @RegisterExtension
    static SandboxExtension sandbox = new SandboxExtension();

    @Test
    void callerIdentityIsTheSandboxAccount() {
        try (StsClient sts = sandbox.client(StsClient.builder())) {
            var identity = sts.getCallerIdentity();

            assertThat(identity.account()).isEqualTo("123456789012");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:user/sandbox");
        }
    }

    @Test
    void theBuiltInNetworkHasOneVpcTwoZonesPublicAndPrivateSubnets() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            assertThat(ec2.describeVpcs().vpcs()).singleElement()
                    .satisfies(vpc -> assertThat(vpc.cidrBlock()).isEqualTo("10.0.0.0/16"));

            var subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id")
                    .values(Ec2Api.VPC_ID).build())).subnets();

            assertThat(subnets).extracting(Subnet::availabilityZone).containsOnly("us-east-1a", "us-east-1b");
            assertThat(subnets).filteredOn(Subnet::mapPublicIpOnLaunch).hasSize(2);
            assertThat(subnets).filteredOn(s -> !s.mapPublicIpOnLaunch()).extracting(Subnet::subnetId)
                    .containsExactly(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B);
        }
    }

    @Test
    void subnetsFilterByTagWithWildcards() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            var subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("tag:Name")
                    .values("sandbox-private-*").build())).subnets();

            assertThat(subnets).extracting(Subnet::subnetId)
                    .containsExactly(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.PRIVATE_SUBNET_B);
        }
    }

    @Test
    void tasksSecurityGroupAdmitsTheAppPortFromTheAlbGroupOnly() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            SecurityGroup tasks = ec2.describeSecurityGroups(r -> r.groupIds(Ec2Api.TASKS_SECURITY_GROUP))
                    .securityGroups().get(0);

            assertThat(tasks.ipPermissions()).singleElement().satisfies(rule -> {
                assertThat(rule.fromPort()).isEqualTo(5000);
                assertThat(rule.userIdGroupPairs()).singleElement()
                        .satisfies(pair -> assertThat(pair.groupId()).isEqualTo(Ec2Api.ALB_SECURITY_GROUP));
                assertThat(rule.ipRanges()).isEmpty();
            });
        }
    }

    @Test
    void anUnknownSubnetIsNotFoundWithEc2sErrorCode() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            assertThatThrownBy(() -> ec2.describeSubnets(r -> r.subnetIds("subnet-0123456789abcdef0")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSubnetID.NotFound");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The subnet ID 'subnet-0123456789abcdef0' does not exist");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void anUnknownSecurityGroupIsNotFoundWithEc2sErrorCode() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.groupIds(Ec2Api.TASKS_SECURITY_GROUP,
                    "sg-0123456789abcdef0")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidGroup.NotFound");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security group 'sg-0123456789abcdef0' does not exist");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void filteringByIdsAnswersWithThoseThatExistAndRefusesNone() {
        try (Ec2Client ec2 = sandbox.client(Ec2Client.builder())) {
            assertThat(ec2.describeSubnets(r -> r.filters(Filter.builder().name("subnet-id")
                    .values(Ec2Api.PRIVATE_SUBNET_A, "subnet-0123456789abcdef0").build())).subnets())
                    .extracting(Subnet::subnetId, Subnet::vpcId)
                    .containsExactly(tuple(Ec2Api.PRIVATE_SUBNET_A, Ec2Api.VPC_ID));
            assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-id")
                    .values("sg-0123456789abcdef0").build())).securityGroups()).isEmpty();
        }
    }
}
