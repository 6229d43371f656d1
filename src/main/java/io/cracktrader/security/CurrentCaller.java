package io.cracktrader.security;

import io.cracktrader.error.NotAuthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The authenticated caller of the current request. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<Caller> find() {
        return identity.isAnonymous() ? Optional.empty() : Optional.ofNullable(identity.getAttribute(Caller.ATTRIBUTE));
    }

    public Caller get() {
        return find().orElseThrow(() -> new NotAuthenticatedException(
                "Authentication required: send Authorization: Bearer <token>"));
    }
}
