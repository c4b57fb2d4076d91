package dev.ecsapp.sandbox.aws.ecs;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task sizes Fargate offers (Amazon ECS developer guide, "Task CPU and memory"): each CPU value allows a range
 * of memory values in fixed steps. Also parses the two ways a task definition may write them ("1024" or "1 vCPU",
 * "2048" or "2 GB").
 */
public final class FargateSizes {

    /** cpu units, smallest memory, largest memory, step; all MiB. */
    private static final int[][] OFFERED = {
        {256, 512, 2048, 0},
        {512, 1024, 4096, 1024},
        {1024, 2048, 8192, 1024},
        {2048, 4096, 16384, 1024},
        {4096, 8192, 30720, 1024},
        {8192, 16384, 61440, 4096},
        {16384, 32768, 122880, 8192},
    };
    private static final Pattern VCPU = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*vcpu");
    private static final Pattern GB = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*gb");

    private FargateSizes() {
    }

    /** True when Fargate runs a task of this many CPU units and MiB. */
    public static boolean offered(int cpu, int memory) {
        for (int[] row : OFFERED) {
            if (row[0] == cpu) {
                if (row[3] == 0) {
                    return memory == 512 || memory == 1024 || memory == 2048;
                }
                return memory >= row[1] && memory <= row[2] && (memory - row[1]) % row[3] == 0;
            }
        }
        return false;
    }

    /** CPU units from "256" or "0.25 vCPU"; empty when unreadable. */
    public static OptionalInt cpuUnits(String value) {
        return parse(value, VCPU, 1024);
    }

    /** MiB from "512" or "0.5 GB"; empty when unreadable. */
    public static OptionalInt memoryMib(String value) {
        return parse(value, GB, 1024);
    }

    private static OptionalInt parse(String value, Pattern unit, int perUnit) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d{1,7}")) {
            return OptionalInt.of(Integer.parseInt(text));
        }
        Matcher m = unit.matcher(text);
        if (m.matches()) {
            return OptionalInt.of((int) Math.round(Double.parseDouble(m.group(1)) * perUnit));
        }
        return OptionalInt.empty();
    }
}
