package dev.ecsapp.service.config;

/** A configuration value the service refuses to start with; the message is the one line a person reads. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
