package io.github.bjsonrpc.demo;

import java.util.List;

import io.github.bjsonrpc.FunctionHandle;
import io.github.bjsonrpc.boot.BjsonRpcService;

/** Remote objects, object references and function references. */
@BjsonRpcService
public class ObjectsService {

    /** A new list, as a remote object. */
    public MyList newList() {
        return new MyList();
    }

    /** A new chronometer, as a remote object. */
    public Chronometer newChronometer() {
        return new Chronometer();
    }

    /** The sum of a list the peer passes back by reference. */
    public Number listsum(MyList lst) {
        return lst.sum();
    }

    /** The object the peer passed, exported again under its same name. */
    public MyList sameobject(MyList obj) {
        return obj;
    }

    /** Calls one of this side's methods that the peer named by function reference. */
    public Object applyfn(FunctionHandle fn, List<Object> args) {
        return fn.invoke(args.toArray());
    }
}
