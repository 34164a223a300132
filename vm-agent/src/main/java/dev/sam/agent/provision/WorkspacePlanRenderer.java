package dev.sam.agent.provision;

/** Renders a workspace's files. Pure: same input, same bytes. */
public interface WorkspacePlanRenderer {
    WorkspacePlan render(RenderInput input);
}
