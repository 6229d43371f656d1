package io.cracktrader.service;

import io.cracktrader.security.Caller;

/**
 * What a share of a configured strategy grants on the runs it made (implemented by the strategy
 * service, which owns the shares): read lets the holder read them, execute lets them stop them.
 */
public interface RunSharing {
    boolean mayRead(Caller caller, String strategyId);

    boolean mayExecute(Caller caller, String strategyId);
}
