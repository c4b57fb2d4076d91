package dev.ecsapp.sandbox.aws.elbv2.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address is in a CIDR block, IPv4 or IPv6, for source-ip conditions. */
final class Cidr {

    private Cidr() {
    }

    static boolean contains(String cidr, String ip) {
        int slash = cidr.indexOf('/');
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        try {
            // Both are literal addresses (ConditionRules checked the block; the client's comes from the socket),
            // so getByName resolves nothing.
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (network.length != address.length || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }
}
