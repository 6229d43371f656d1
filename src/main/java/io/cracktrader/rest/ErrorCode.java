package io.cracktrader.rest;

/** The codes of the one error body (docs/API-CONTRACT.md). */
public enum ErrorCode {
    VALIDATION_ERROR,
    AUTHENTICATION_ERROR,
    AUTHORIZATION_ERROR,
    NOT_FOUND,
    CONFLICT,
    RUNNER_BUSY,
    RATE_LIMITED,
    METHOD_NOT_ALLOWED,
    UNSUPPORTED_MEDIA_TYPE,
    REQUEST_TOO_LARGE,
    EXTERNAL_SERVICE_ERROR,
    INTERNAL_ERROR
}
