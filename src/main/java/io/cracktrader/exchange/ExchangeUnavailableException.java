package io.cracktrader.exchange;

import io.cracktrader.error.ApiException;
import io.cracktrader.error.ErrorCode;

/** An exchange could not be reached, timed out or refused: 502 with EXTERNAL_SERVICE_ERROR. */
public class ExchangeUnavailableException extends ApiException {
    public ExchangeUnavailableException(String message) {
        super(502, ErrorCode.EXTERNAL_SERVICE_ERROR, message, null);
    }
}
