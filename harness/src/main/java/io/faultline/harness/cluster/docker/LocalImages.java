package io.faultline.harness.cluster.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;
import io.faultline.harness.spi.db.DbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Images built here from local files, so that no registry is needed: the Raft node image from the store's jar and
 * its {@code Dockerfile}, and the image of Faultline's own Toxiproxy-compatible server from the harness' jars.
 *
 * <p>An image is tagged with a hash of everything that goes into it (Dockerfile, files, base image), so it is built
 * again exactly when the jar changed, and reused otherwise. The base image is {@code FAULTLINE_BASE_IMAGE} (or
 * {@code -Dfaultline.docker.base}) when set, else {@value #BOOTSTRAP_BASE} when present (built by
 * {@code system-under-test/docker/bootstrap-base.sh}, which is run here when it can be: as root with debootstrap),
 * else the Dockerfile's default, a public JRE image that the engine pulls.
 */
public final class LocalImages {
  private static final Logger LOG = LoggerFactory.getLogger(LocalImages.class);

  /** The base image that {@code system-under-test/docker/bootstrap-base.sh} builds from Debian's packages. */
  public static final String BOOTSTRAP_BASE = "faultline-base:bookworm";

  /** Toxiproxy's own image, used when present or pullable. */
  public static final String TOXIPROXY = "ghcr.io/shopify/toxiproxy:2.12.0";

  private static final long BUILD_MINUTES = 10;
  private static Boolean toxiproxyPullable;

  private LocalImages() {}

  /**
   * The Raft node image for {@code jar}, built when missing.
   *
   * @param root the Faultline checkout (for the Dockerfile and the bootstrap script)
   * @throws DbException with one line naming the cause when it cannot be built
   */
  public static String raftNode(Path root, Path jar) {
    Path dockerfile = root.resolve("system-under-test/Dockerfile");
    return build("faultline-raft", dockerfile, Map.of("target/raft-node.jar", jar), root);
  }

  /**
   * The Toxiproxy image: Toxiproxy's own when it is here or can be pulled, else Faultline's compatible server built
   * from the CLI's jars in the checkout, as {@code ./faultline} runs it (the entry point {@code faultline toxiproxy}).
   *
   * @return the image, and whether it is Faultline's substitute
   */
  public static Map.Entry<String, Boolean> toxiproxy(Path root) {
    if (toxiproxyAvailable()) {
      return Map.entry(TOXIPROXY, false);
    }
    Map<String, Path> files = new TreeMap<>();
    files.put(
        "lib/faultline-raft.jar", root.resolve("system-under-test/target/faultline-raft.jar"));
    for (String module : List.of("harness", "workloads", "nemesis")) {
      Path target = root.resolve(module).resolve("target");
      files.put("lib/faultline-" + module + ".jar", target.resolve("faultline-" + module + ".jar"));
      try (var libs = Files.list(target.resolve("lib"))) {
        libs.filter(p -> p.toString().endsWith(".jar"))
            .forEach(p -> files.putIfAbsent("lib/" + p.getFileName(), p));
      } catch (IOException e) {
        throw new DbException(
            "cannot build the Toxiproxy image: "
                + target.resolve("lib")
                + " is missing ("
                + "build the jars first)");
      }
    }
    return Map.entry(
        build(
            "faultline-toxiproxy",
            root.resolve("nemesis/docker/toxiproxy.Dockerfile"),
            files,
            root),
        true);
  }

  /** Toxiproxy's image is here, or one pull (at most 30 s, tried once per JVM) fetched it. */
  private static synchronized boolean toxiproxyAvailable() {
    if (toxiproxyPullable == null) {
      toxiproxyPullable = DockerEngine.hasImage(TOXIPROXY) || pull(TOXIPROXY);
    }
    return toxiproxyPullable;
  }

  private static boolean pull(String image) {
    try {
      return DockerEngine.client()
              .pullImageCmd(image)
              .exec(new PullImageResultCallback())
              .awaitCompletion(30, TimeUnit.SECONDS)
          && DockerEngine.hasImage(image);
    } catch (RuntimeException e) {
      LOG.debug("cannot pull {}: {}", image, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String build(String repo, Path dockerfile, Map<String, Path> files, Path root) {
    String base = baseImage(root);
    String tag = repo + ":" + hash(dockerfile, files, base);
    if (DockerEngine.hasImage(tag)) {
      return tag;
    }
    for (Path f : files.values()) {
      if (!Files.isRegularFile(f)) {
        throw new DbException(
            "cannot build image " + repo + ": " + f + " is missing (build the jars first)");
      }
    }
    LOG.info("building image {} on {}", tag, base);
    ImageFromDockerfile image =
        new ImageFromDockerfile(tag, false).withFileFromPath("Dockerfile", dockerfile);
    files.forEach(image::withFileFromPath);
    if (base != null) {
      image.withBuildArg("BASE_IMAGE", base);
    }
    try {
      String built = image.get(BUILD_MINUTES, TimeUnit.MINUTES);
      removeOlder(repo, tag);
      return built;
    } catch (RuntimeException e) {
      throw new DbException(
          "cannot build image "
              + tag
              + " from "
              + dockerfile
              + " on base "
              + (base == null ? "(the Dockerfile's default)" : base)
              + ": "
              + DockerEngine.firstLine(e)
              + (base == null
                  ? "; without a registry, build a base image with system-under-test/docker/bootstrap-base.sh"
                  : ""));
    } catch (TimeoutException e) {
      throw new DbException(
          "building image " + tag + " took more than " + BUILD_MINUTES + " minutes");
    }
  }

  /** Removes the other tags of {@code repo} (older jars), except those a container still uses. */
  private static void removeOlder(String repo, String keep) {
    var docker = DockerEngine.client();
    for (var image : docker.listImagesCmd().withReferenceFilter(repo).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(repo + ":") && !tag.equals(keep)) {
          DockerBackend.quietly(() -> docker.removeImageCmd(tag).exec());
        }
      }
    }
  }

  /** The base image to build on, or null for the Dockerfile's default. */
  static String baseImage(Path root) {
    String set = System.getProperty("faultline.docker.base", System.getenv("FAULTLINE_BASE_IMAGE"));
    if (set != null && !set.isBlank()) {
      return set.strip();
    }
    if (DockerEngine.hasImage(BOOTSTRAP_BASE) || BaseBootstrap.run(root, BOOTSTRAP_BASE)) {
      return BOOTSTRAP_BASE;
    }
    return null;
  }

  private static String hash(Path dockerfile, Map<String, Path> files, String base) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Files.readAllBytes(dockerfile));
      sha.update(String.valueOf(base).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
        sha.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (Files.isRegularFile(f.getValue())) {
          try (InputStream in = Files.newInputStream(f.getValue())) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
              sha.update(buf, 0, n);
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
