package io.cracktrader.engine.strategy.rule;

/** A rule definition that cannot be compiled; {@link #path()} names the offending node. */
public final class RuleException extends IllegalArgumentException {
    private final String path;

    public RuleException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return getMessage().substring(path.length() + 2);
    }
}
