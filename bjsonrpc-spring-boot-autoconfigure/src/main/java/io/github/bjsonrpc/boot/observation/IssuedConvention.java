package io.github.bjsonrpc.boot.observation;

import io.micrometer.common.KeyValues;

/**
 * A convention's keys under the issued-call name ({@value DefaultBjsonRpcObservationConvention#ISSUED}), unless a
 * custom convention names its observations itself.
 */
record IssuedConvention(BjsonRpcObservationConvention delegate) implements BjsonRpcObservationConvention {

    @Override
    public String getName() {
        String name = delegate.getName();
        return DefaultBjsonRpcObservationConvention.HANDLED.equals(name) ? DefaultBjsonRpcObservationConvention.ISSUED
            : name;
    }

    @Override
    public String getContextualName(BjsonRpcObservationContext context) {
        return delegate.getContextualName(context);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(BjsonRpcObservationContext context) {
        return delegate.getLowCardinalityKeyValues(context);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(BjsonRpcObservationContext context) {
        return delegate.getHighCardinalityKeyValues(context);
    }

    /**
     * @param convention the configured convention
     * @param side the side observed
     * @return the convention that names that side's observations
     */
    static BjsonRpcObservationConvention of(BjsonRpcObservationConvention convention,
            BjsonRpcObservationContext.Side side) {
        return side == BjsonRpcObservationContext.Side.HANDLED ? convention : new IssuedConvention(convention);
    }
}
