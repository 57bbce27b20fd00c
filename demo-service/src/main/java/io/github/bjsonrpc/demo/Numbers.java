package io.github.bjsonrpc.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Python's arithmetic on JSON numbers: integers exact at any size, floating point as soon as one operand is. */
final class Numbers {

    private Numbers() {
    }

    static Number sum(List<? extends Number> numbers) {
        boolean floating = numbers.stream()
            .anyMatch(n -> n instanceof Double || n instanceof Float || n instanceof BigDecimal);
        if (floating) {
            double total = 0;
            for (Number n : numbers) {
                total += n.doubleValue();
            }
            return total;
        }
        BigInteger total = BigInteger.ZERO;
        for (Number n : numbers) {
            total = total.add(n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue()));
        }
        if (total.bitLength() < 32) {
            return total.intValue();
        }
        return total.bitLength() < 64 ? (Number) total.longValue() : total;
    }
}
