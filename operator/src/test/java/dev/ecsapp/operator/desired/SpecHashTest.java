package dev.ecsapp.operator.desired;

import static dev.ecsapp.operator.Specs.DEFAULTS;
import static dev.ecsapp.operator.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsapp.operator.config.OperatorDefaults;
import org.junit.jupiter.api.Test;

class SpecHashTest {

    @Test
    void equalSpecsHashEquallyWhateverTheOrderOfTheirTags() {
        assertThat(SpecHash.of(spec("{image: 'a:1', tags: {x: '1', y: '2'}}"), DEFAULTS))
                .isEqualTo(SpecHash.of(spec("{image: 'a:1', tags: {y: '2', x: '1'}}"), DEFAULTS));
    }

    @Test
    void aSpecLeftToItsDefaultsHashesAsOneThatSpellsThemOut() {
        assertThat(SpecHash.of(spec("image: 'a:1'"), DEFAULTS))
                .isEqualTo(SpecHash.of(spec("{image: 'a:1', containerPort: 5000, logRetentionDays: 30}"), DEFAULTS));
    }

    @Test
    void anotherImageHashesDifferently() {
        assertThat(SpecHash.of(spec("image: 'a:1'"), DEFAULTS)).isNotEqualTo(SpecHash.of(spec("image: 'a:2'"), DEFAULTS));
    }

    @Test
    void otherOperatorDefaultsHashDifferently() {
        assertThat(SpecHash.of(spec("image: 'a:1'"), DEFAULTS))
                .isNotEqualTo(SpecHash.of(spec("image: 'a:1'"), OperatorDefaults.none()));
    }

    @Test
    void theHashIsSixteenHexDigits() {
        assertThat(SpecHash.of(spec("image: 'a:1'"), DEFAULTS)).matches("[0-9a-f]{16}");
    }
}
