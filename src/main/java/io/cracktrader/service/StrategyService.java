package io.cracktrader.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.engine.strategy.rule.RuleCompiler;
import io.cracktrader.engine.strategy.rule.RuleException;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.MalformedRequestException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.store.RuleStrategyStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Adds and removes rule strategies: validated, compiled, stored, and available to runs at once. */
@ApplicationScoped
public class StrategyService {
    private static final Logger LOG = Logger.getLogger(StrategyService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,63}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** A new rule strategy as POSTed: name, description, entry and exit conditions. */
    public record RuleRequest(String name, String description, Object entry, Object exit) {
    }

    private final StrategyCatalog catalog;
    private final RuleStrategyStore store;
    private final ObjectMapper json;

    public StrategyService(StrategyCatalog catalog, RuleStrategyStore store, ObjectMapper json) {
        this.catalog = catalog;
        this.store = store;
        this.json = json;
    }

    /** Brings back the rule strategies users added before the last restart. */
    void load(@Observes @Priority(15) StartupEvent event) {
        for (RuleStrategyStore.StoredRule rule : store.all()) {
            try {
                catalog.addRule(rule.name(), rule.description(), json.readValue(rule.definition(), MAP));
            } catch (JsonProcessingException | RuleException e) {
                LOG.errorf("Stored rule strategy %s no longer compiles and is skipped: %s", rule.name(), e.getMessage());
            }
        }
    }

    public Uni<StrategyType> create(Caller caller, RuleRequest request) {
        return Blocking.call(() -> {
            if (request == null) {
                throw new MalformedRequestException("A JSON request body is required");
            }
            if (request.name() == null || !NAME.matcher(request.name()).matches()) {
                throw new InvalidRequestException(Map.of("name", "must be 2-64 letters, digits or '_', starting with a letter"));
            }
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("entry", request.entry());
            definition.put("exit", request.exit());
            try {
                RuleCompiler.compile(definition);
            } catch (RuleException e) {
                throw new InvalidRequestException("Invalid rule at " + e.path(),
                        Map.of(e.path(), e.reason()));
            }
            if (catalog.find(request.name()) != null) {
                throw new ConflictException("A strategy called " + request.name() + " exists");
            }
            try {
                store.insert(new RuleStrategyStore.StoredRule(request.name(), request.description(),
                        json.writeValueAsString(definition), System.currentTimeMillis(), caller.username()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            catalog.addRule(request.name(), request.description(), definition);
            return catalog.find(request.name());
        });
    }

    /** Deletes a rule strategy; runs made with it keep their results. Null when there is none. */
    public Uni<Boolean> delete(Caller caller, String name) {
        return Blocking.call(() -> {
            StrategyType type = catalog.find(name);
            if (type == null) {
                return (Boolean) null;
            }
            if (type.builtIn()) {
                throw new ConflictException(name + " is built in and cannot be deleted");
            }
            String author = store.find(name).map(RuleStrategyStore.StoredRule::owner).orElse(null);
            if (!caller.isAdmin() && !caller.username().equals(author)) {
                throw new NotPermittedException("Only the author of " + name + " or an administrator deletes it");
            }
            store.delete(name);
            catalog.removeRule(name);
            return Boolean.TRUE;
        });
    }
}
