package dev.ecsapp.sandbox.aws.faults;

import dev.ecsapp.sandbox.aws.protocol.AwsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Makes chosen calls fail or slow down, as the control API asks: how tests show the operator survives faults. */
public final class FaultInjector {

    private final List<Fault> faults = new ArrayList<>();
    private final List<Integer> remaining = new ArrayList<>();
    /** Seeded: a test that asks for a 30% failure rate gets the same failures on every run. */
    private Random random = new Random(42);

    public synchronized void add(Fault fault) {
        if (fault.rate() < 0 || fault.rate() > 1) {
            throw new IllegalArgumentException("rate must be from 0 to 1");
        }
        faults.add(fault);
        remaining.add(fault.failNext());
    }

    public synchronized void clear() {
        faults.clear();
        remaining.clear();
        random = new Random(42);
    }

    public synchronized List<Fault> list() {
        return List.copyOf(faults);
    }

    /** The latency to add to this call, in milliseconds. */
    public synchronized long latencyFor(String service, String action) {
        long latency = 0;
        for (Fault fault : faults) {
            if (matches(fault, service, action)) {
                latency = Math.max(latency, fault.latencyMs());
            }
        }
        return latency;
    }

    /** Throws the injected error when this call is chosen to fail. */
    public synchronized void maybeFail(String service, String action) {
        Iterator<Fault> it = faults.iterator();
        int index = 0;
        while (it.hasNext()) {
            Fault fault = it.next();
            if (fault.errorCode() != null && matches(fault, service, action)) {
                boolean fail;
                if (fault.failNext() > 0) {
                    int left = remaining.get(index);
                    fail = left > 0;
                    if (fail) {
                        remaining.set(index, left - 1);
                    }
                } else {
                    fail = random.nextDouble() < fault.rate();
                }
                if (fail) {
                    throw new AwsException(fault.errorCode(), fault.message() == null ? "Injected fault"
                            : fault.message(), fault.status() == 0 ? 400 : fault.status());
                }
            }
            index++;
        }
    }

    private static boolean matches(Fault fault, String service, String action) {
        return (fault.service() == null || fault.service().equals(service))
                && (fault.action() == null || fault.action().equals("*") || fault.action().equals(action));
    }
}
