package dev.sam.api.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.sam.api.persistence.InstallationEntity;
import dev.sam.contract.api.CreateInstallationRequest;
import dev.sam.contract.api.InstallationView;
import dev.sam.contract.error.Reason;

/** Installations the operator registered; their state follows what GitHub last told us. */
@ApplicationScoped
public class InstallationService {
    @Inject
    Session session;

    @Transactional
    public InstallationView create(CreateInstallationRequest request) {
        InputRules.required(request, "body");
        long id = InputRules.installationId(request.installationId());
        String account = InputRules.account(request.account());
        if (session.find(InstallationEntity.class, id) != null) {
            throw new ApiException(409, Reason.CONFLICT, "installation " + id + " is already registered");
        }
        InstallationEntity entity = new InstallationEntity();
        entity.githubInstallationId = id;
        entity.account = account;
        entity.state = InstallationEntity.ACTIVE;
        entity.createdAt = Instant.now();
        session.persist(entity);
        return view(entity);
    }

    @Transactional
    public List<InstallationView> list() {
        return session.createSelectionQuery("from InstallationEntity order by createdAt", InstallationEntity.class)
                .getResultList().stream().map(InstallationService::view).toList();
    }

    /** Records what GitHub said about an installation, so operators see it in listings. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordState(long installationId, String state) {
        InstallationEntity entity = session.find(InstallationEntity.class, installationId);
        if (entity != null && !state.equals(entity.state)) {
            entity.state = state;
        }
    }

    static InstallationView view(InstallationEntity e) {
        return new InstallationView(e.githubInstallationId, e.account, e.state, e.createdAt);
    }
}
