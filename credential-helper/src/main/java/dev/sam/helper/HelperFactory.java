package dev.sam.helper;

import picocli.CommandLine;

/** Gives every command the same {@link HelperContext}, so tests can inject stdin and the config path. */
public final class HelperFactory implements CommandLine.IFactory {
    private final HelperContext context;

    public HelperFactory(HelperContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == GetCommand.class) {
            return type.cast(new GetCommand(context));
        }
        if (type == StoreCommand.class) {
            return type.cast(new StoreCommand(context));
        }
        if (type == EraseCommand.class) {
            return type.cast(new EraseCommand(context));
        }
        if (type == DoctorCommand.class) {
            return type.cast(new DoctorCommand(context));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
