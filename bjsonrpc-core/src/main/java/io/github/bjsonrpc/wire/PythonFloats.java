package io.github.bjsonrpc.wire;

import java.util.function.Predicate;

import tools.jackson.core.io.schubfach.DoubleToDecimal;
import tools.jackson.core.io.schubfach.FloatToDecimal;

/**
 * Formats floating-point numbers the way the reference peer writes them: the shortest text that reads back
 * as the same value, in positional notation for decimal exponents from -4 to 16 and in scientific notation
 * ({@code 1e+20}, {@code 1e-07}) outside it, always with a point or an exponent so that a peer never mistakes a
 * double for an integer ({@code 1.0}, {@code -0.0}). Non-finite values are the bare tokens {@code NaN},
 * {@code Infinity} and {@code -Infinity}.
 */
public final class PythonFloats {

    private PythonFloats() {
    }

    /** The reference's text for a double. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return fromShortest(DoubleToDecimal.toString(value), text -> Double.parseDouble(text) == value);
    }

    /** The reference's text for a float: the float's own shortest decimal, not its widened double. */
    public static String format(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return format((double) value);
        }
        return fromShortest(FloatToDecimal.toString(value), text -> Float.parseFloat(text) == value);
    }

    /** Rewrites Java's shortest form ({@code 1.0E20}, {@code 0.001}) into the reference's form. */
    private static int shortenToOneDigit(StringBuilder digits, int decimalPoint, Predicate<String> sameValue) {
        int first = digits.charAt(0) - '0';
        int[] candidates = digits.charAt(1) < '5' ? new int[] {first, first + 1} : new int[] {first + 1, first};
        for (int candidate : candidates) {
            int point = candidate == 10 ? decimalPoint + 1 : decimalPoint;
            int digit = candidate == 10 ? 1 : candidate;
            if (digit == 0) {
                continue;
            }
            if (sameValue.test(digit + "e" + (point - 1))) {
                digits.setLength(0);
                digits.append((char) ('0' + digit));
                return point;
            }
        }
        return decimalPoint;
    }

    private static String fromShortest(String java, Predicate<String> sameValue) {
        int start = 0;
        boolean negative = java.charAt(0) == '-';
        if (negative) {
            start = 1;
        }
        int exponentAt = java.indexOf('E', start);
        int mantissaEnd = exponentAt < 0 ? java.length() : exponentAt;
        int exponent = exponentAt < 0 ? 0 : Integer.parseInt(java, exponentAt + 1, java.length(), 10);

        StringBuilder digits = new StringBuilder(20);
        int pointPosition = -1;
        for (int i = start; i < mantissaEnd; i++) {
            char c = java.charAt(i);
            if (c == '.') {
                pointPosition = digits.length();
            } else {
                digits.append(c);
            }
        }
        if (pointPosition < 0) {
            pointPosition = digits.length();
        }
        int decimalPoint = pointPosition + exponent;
        int leading = 0;
        while (leading < digits.length() && digits.charAt(leading) == '0') {
            leading++;
        }
        digits.delete(0, leading);
        decimalPoint -= leading;
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        if (digits.length() == 2) {
            // Java keeps two digits where one would do (4.9e-324); the reference writes the shortest (5e-324)
            decimalPoint = shortenToOneDigit(digits, decimalPoint,
                text -> sameValue.test(negative ? "-" + text : text));
        }

        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (digits.length() == 0) {
            return out.append("0.0").toString();
        }
        int n = digits.length();
        if (decimalPoint <= -4 || decimalPoint > 16) {
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            int e = decimalPoint - 1;
            out.append('e').append(e < 0 ? '-' : '+');
            int abs = Math.abs(e);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        if (decimalPoint <= 0) {
            out.append("0.");
            for (int i = decimalPoint; i < 0; i++) {
                out.append('0');
            }
            return out.append(digits).toString();
        }
        if (decimalPoint < n) {
            return out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, n).toString();
        }
        out.append(digits);
        for (int i = n; i < decimalPoint; i++) {
            out.append('0');
        }
        return out.append(".0").toString();
    }
}
