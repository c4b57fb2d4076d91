package dev.ecsapp.awsfacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizesTest {

    @ParameterizedTest(name = "{0} CPU, {1} MiB: {2}")
    @CsvSource({
        "256, 512, true", "256, 2048, true", "256, 4096, false", "256, 1536, false",
        "512, 1024, true", "512, 4096, true", "512, 512, false",
        "1024, 2048, true", "1024, 8192, true", "1024, 9216, false",
        "4096, 30720, true", "4096, 31744, false",
        "8192, 16384, true", "8192, 20480, true", "8192, 17408, false",
        "16384, 122880, true", "16384, 36864, false",
        "300, 512, false",
    })
    void onlyThePairsFargateOffersAreOffered(int cpu, int memory, boolean offered) {
        assertThat(FargateSizes.offered(cpu, memory)).isEqualTo(offered);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"256, 256", "0.25 vCPU, 256", "1 vCPU, 1024", "2 vcpu, 2048"})
    void cpuIsReadAsUnitsOrVcpus(String text, int units) {
        assertThat(FargateSizes.cpuUnits(text)).hasValue(units);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"512, 512", "0.5 GB, 512", "2 GB, 2048", "1gb, 1024"})
    void memoryIsReadAsMibOrGb(String text, int mib) {
        assertThat(FargateSizes.memoryMib(text)).hasValue(mib);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource({"lots", "1.5.2", "''"})
    void anythingElseIsUnreadable(String text) {
        assertThat(FargateSizes.cpuUnits(text)).isEmpty();
        assertThat(FargateSizes.memoryMib(text)).isEmpty();
    }
}
