package io.cracktrader.store;

import io.cracktrader.error.ApiException;
import io.cracktrader.error.ErrorCode;

/** The database could not be used: 503 EXTERNAL_SERVICE_ERROR, without the driver's details. */
public class StoreUnavailableException extends ApiException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(503, ErrorCode.EXTERNAL_SERVICE_ERROR, message, null);
        initCause(cause);
    }
}
