package dev.sam.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same standalone scenarios, against the packaged runnable jar and its target/lib class path. */
class StandaloneJarIT extends StandaloneMainTest {
    @Override
    protected List<String> launcher() {
        Path jar = Path.of(System.getProperty("emulator.jar", "target/sam-github-emulator-0.1.0-SNAPSHOT-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "package the module first: " + jar);
        return List.of(java(), "-jar", jar.toString());
    }
}
