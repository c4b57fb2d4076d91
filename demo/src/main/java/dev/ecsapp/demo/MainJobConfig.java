package dev.ecsapp.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main job's flags.
 *
 * @param exitWhenReady  exit 0 once every example is Ready (non-zero with the reason if one is not by the timeout)
 * @param timeout        how long to wait for Ready, in real time
 * @param awsPort        the sandbox's AWS port
 * @param speed          simulated seconds per real second (rollouts, health checks, deregistration delays)
 * @param examples       the folder of EcsApp manifests to apply
 * @param serviceImage   the reference service's image as Jib built it (a tar), pushed to the sandbox's registry
 * @param localTasks     run the tasks as local processes (false: simulated, as for large benchmarks)
 */
record MainJobConfig(boolean exitWhenReady, Duration timeout, int awsPort, double speed, Path examples,
        Path serviceImage, boolean localTasks) {

    MainJobConfig(boolean exitWhenReady, Duration timeout, int awsPort, double speed, Path examples) {
        this(exitWhenReady, timeout, awsPort, speed, examples, DEFAULT_SERVICE_IMAGE, true);
    }

    static final Path DEFAULT_SERVICE_IMAGE = Path.of("service", "target", "jib-image.tar");

    static final String USAGE = """
            usage: java -jar demo/target/demo.jar [flags]
              --exit-when-ready   exit 0 once every example is Ready (1 with the reason when one is not in time)
              --timeout=D         how long to wait for Ready: 90s, 5m (default 5m)
              --aws-port=N        the sandbox's AWS port (default 4566; 0 picks a free one)
              --speed=X           simulated seconds per real second, 1 to 1000 (default 20)
              --examples=DIR      EcsApp manifests to apply (default deploy/examples)
              --service-image=TAR the reference service's image, as Jib builds it (default
                                  service/target/jib-image.tar)
              --simulated-tasks   simulate the tasks instead of running them as local processes
              --help              print this""";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})(s|m)");

    /** Thrown for a flag the job does not take; the message is the one line to print. */
    static final class BadFlag extends Exception {
        private static final long serialVersionUID = 1L;

        BadFlag(String message) {
            super(message);
        }
    }

    /** Parses the flags; null means --help. */
    static MainJobConfig parse(String[] args) throws BadFlag {
        boolean exit = false;
        Duration timeout = Duration.ofMinutes(5);
        int port = 4566;
        double speed = 20;
        Path examples = Path.of("deploy", "examples");
        Path serviceImage = DEFAULT_SERVICE_IMAGE;
        boolean localTasks = true;
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--exit-when-ready" -> exit = true;
                case "--timeout" -> timeout = duration(value);
                case "--aws-port" -> port = port(value);
                case "--speed" -> speed = speed(value);
                case "--examples" -> examples = Path.of(required(name, value));
                case "--service-image" -> serviceImage = Path.of(required(name, value));
                case "--simulated-tasks" -> localTasks = false;
                default -> throw new BadFlag("unknown flag '" + arg + "' (see --help)");
            }
        }
        return new MainJobConfig(exit, timeout, port, speed, examples, serviceImage, localTasks);
    }

    private static String required(String name, String value) throws BadFlag {
        if (value == null || value.isBlank()) {
            throw new BadFlag(name + " needs a value, as " + name + "=VALUE (see --help)");
        }
        return value;
    }

    private static Duration duration(String value) throws BadFlag {
        Matcher m = DURATION.matcher(required("--timeout", value));
        if (!m.matches()) {
            throw new BadFlag("--timeout: '" + value + "' is not a duration like 90s or 5m");
        }
        long amount = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMinutes(amount);
    }

    private static int port(String value) throws BadFlag {
        try {
            int port = Integer.parseInt(required("--aws-port", value));
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadFlag("--aws-port: '" + value + "' is not a port from 0 to 65535");
    }

    private static double speed(String value) throws BadFlag {
        try {
            double speed = Double.parseDouble(required("--speed", value));
            if (speed >= 1 && speed <= 1000) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadFlag("--speed: '" + value + "' is not a number from 1 to 1000");
    }
}
