package dev.ecsapp.sandbox.aws.elbv2.dataplane;

/** A health check matcher's HttpCode: one code, a list, a range or a list of both ("200", "200,302", "200-299"). */
final class HealthCodes {

    private HealthCodes() {
    }

    static boolean accepts(String codes, int status) {
        for (String part : codes.split(",")) {
            int dash = part.indexOf('-');
            int low = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
            int high = dash < 0 ? low : Integer.parseInt(part.substring(dash + 1).trim());
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }
}
