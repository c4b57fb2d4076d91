package dev.ecsapp.awsfacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Source: ECS developer guide, "Task CPU and memory". The sandbox (answering as ECS) and the operator (checking a
// spec before any AWS call) share this one table.
/** The task sizes Fargate offers and the two ways ECS accepts them ("1024" or "1 vCPU", "2048" or "2 GB"). */
public final class FargateSizes {

    /** cpu units, smallest memory, largest memory, step; all MiB. A step of 0 lists 512, 1024, 2048. */
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

    /** The CPU units Fargate offers, smallest first. */
    public static List<Integer> cpuUnits() {
        List<Integer> units = new ArrayList<>();
        for (int[] row : OFFERED) {
            units.add(row[0]);
        }
        return units;
    }

    /** True when Fargate runs a task of this many CPU units and MiB. */
    public static boolean offered(int cpu, int memory) {
        return memoryFor(cpu).contains(memory);
    }

    /** The memory sizes (MiB) Fargate offers with this CPU, smallest first; empty for a CPU it does not offer. */
    public static List<Integer> memoryFor(int cpu) {
        List<Integer> sizes = new ArrayList<>();
        for (int[] row : OFFERED) {
            if (row[0] == cpu) {
                if (row[3] == 0) {
                    return List.of(512, 1024, 2048);
                }
                for (int memory = row[1]; memory <= row[2]; memory += row[3]) {
                    sizes.add(memory);
                }
            }
        }
        return sizes;
    }

    /** CPU units from 256, "256" or "0.25 vCPU"; empty when unreadable. */
    public static OptionalInt cpuUnits(String value) {
        return parse(value, VCPU);
    }

    /** MiB from 512, "512" or "0.5 GB"; empty when unreadable. */
    public static OptionalInt memoryMib(String value) {
        return parse(value, GB);
    }

    private static OptionalInt parse(String value, Pattern unit) {
        if (value == null) {
            return OptionalInt.empty();
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.matches("\\d{1,7}")) {
            return OptionalInt.of(Integer.parseInt(text));
        }
        Matcher m = unit.matcher(text);
        if (m.matches()) {
            // Both units are 1024 of the smaller one: 1 vCPU is 1024 CPU units, 1 GB is 1024 MiB.
            return OptionalInt.of((int) Math.round(Double.parseDouble(m.group(1)) * 1024));
        }
        return OptionalInt.empty();
    }
}
