package io.cracktrader.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a bearer token into an identity whose roles are the caller's capabilities (see {@link Role}). */
@ApplicationScoped
public class BearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    private final AuthService auth;

    public BearerIdentityProvider(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // Looking the session or key up reads the database: off the event loop.
        return context.runBlocking(() -> {
            Caller caller = auth.authenticate(request.getToken().getToken())
                    .orElseThrow(() -> new AuthenticationFailedException("Invalid, expired or revoked token"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.username()))
                    .addRoles(caller.capabilities())
                    .addAttribute(Caller.ATTRIBUTE, caller)
                    .addCredential(request.getToken())
                    .build();
        });
    }
}
