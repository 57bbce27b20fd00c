package io.github.bjsonrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Floats are spelled as Python's repr spells them. */
class PythonFloatsTest {

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1", "1e20, 1e+20", "1e-7, 1e-07", "-0.0, -0.0", "1.0, 1.0", "3.141592653589793, 3.141592653589793",
        "1.5e300, 1.5e+300", "0.30000000000000004, 0.30000000000000004", "1e16, 1e+16",
        "1e15, 1000000000000000.0", "123456789012345.6, 123456789012345.6", "0.0001, 0.0001", "0.00001, 1e-05",
        "2e23, 2e+23", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "-2.5, -2.5",
        "100.0, 100.0", "-5e-324, -5e-324", "0.0, 0.0", "12345.678, 12345.678"
    })
    void doublesReadAsPythonWritesThem(double value, String python) {
        assertThat(PythonFloats.format(value)).isEqualTo(python);
        assertThat(Double.parseDouble(PythonFloats.format(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.1", "1e20, 1e+20", "3.5, 3.5"})
    void floatsUseTheirOwnShortestDigits(float value, String python) {
        assertThat(PythonFloats.format(value)).isEqualTo(python);
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity"})
    void nonFiniteValuesAreBareTokens(double value, String token) {
        assertThat(PythonFloats.format(value)).isEqualTo(token);
    }
}
