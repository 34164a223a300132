package dev.sam.api.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.sam.api.auth.SigningKeys;
import dev.sam.contract.api.ApiPaths;

/** Public keys agents use to verify the tokens this API signs. */
@Path(ApiPaths.JWKS)
public class JwksResource {
    @Inject
    SigningKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
