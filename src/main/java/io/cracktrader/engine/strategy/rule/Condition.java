package io.cracktrader.engine.strategy.rule;

/**
 * True or false at a bar. {@link #evaluate} is called exactly once per bar on every node, whatever
 * its parents decide, so stateful nodes (crosses) see every bar.
 */
interface Condition {
    boolean evaluate();
}
