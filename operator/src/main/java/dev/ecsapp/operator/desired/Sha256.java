package dev.ecsapp.operator.desired;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The leading hex digits of a SHA-256 digest: short, stable names and hashes. */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(byte[] input, int hexDigits) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
