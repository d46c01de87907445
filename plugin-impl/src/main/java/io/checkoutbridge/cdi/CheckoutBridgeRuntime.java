package io.checkoutbridge.cdi;

import io.checkoutbridge.api.PaymentListener;
import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.api.spi.DocumentSource;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.CoreSettings;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.engine.CallbackWorker;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.engine.SweepPolicy;
import io.checkoutbridge.engine.Sweeper;
import io.checkoutbridge.ops.ProviderSelfTests;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.Migrations;
import io.checkoutbridge.web.PluginRuntime;
import io.checkoutbridge.web.Seal;
import io.checkoutbridge.web.SealedEndpoints;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.config.Config;

/**
 * The plugin inside a CDI container: reads and checks the configuration when the application
 * starts (a wrong configuration fails the deployment, naming every key), migrates the ledger's
 * tables, builds the enabled providers and the engine, and sends status changes to the storefront
 * as CDI events and to {@link PaymentListener}s.
 *
 * <p>Everything here is glue; the engine itself knows nothing of CDI.
 */
@ApplicationScoped
public class CheckoutBridgeRuntime implements PluginRuntime {
  private static final Logger LOG = Logger.getLogger(CheckoutBridgeRuntime.class.getName());

  @Inject
  Config config;

  @Inject
  Event<PaymentStatusChanged> statusEvents;

  @Inject
  @Any
  Instance<PaymentProvider> beanProviders;

  @Inject
  @Any
  Instance<PaymentListener> beanListeners;

  @Inject
  @Any
  Instance<DocumentSource> documentSources;

  private Settings settings;
  private CoreSettings core;
  private Seal seal;
  private SealedEndpoints endpoints;
  private OkHttpClient http;
  private Database database;
  private PaymentEngine engine;
  private CallbackWorker callbacks;
  private ScheduledFuture<?> retries;
  private ScheduledFuture<?> sweeps;
  private Sweeper sweeper;
  private ScheduledExecutorService ownPool;

  @PostConstruct
  void start() {
    settings = key -> config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    // Collect the core problems and the DataSource's together: one failed deployment names them all.
    List<String> problems = new ArrayList<>();
    try {
      core = CoreSettings.from(settings);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    DataSource dataSource = null;
    try {
      dataSource = lookup(settings.get(CoreSettings.PREFIX + "datasource").orElse(CoreSettings.DEFAULT_DATASOURCE));
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    seal = new Seal(core.sealSecret());
    endpoints = new SealedEndpoints(core.publicUrl(), seal, Clock.systemUTC());
    http = HttpClients.create(core.http());
    Map<String, PaymentProvider> providers = providers(settings, http);
    Migrations.migrate(dataSource);
    database = new Database(dataSource);
    List<PaymentListener> listeners = new ArrayList<>();
    beanListeners.forEach(listeners::add);
    ServiceLoader.load(PaymentListener.class, getClass().getClassLoader()).forEach(listeners::add);
    DocumentSource documents = documentSources.isResolvable() ? documentSources.get() : null;
    engine = new PaymentEngine(database, providers, endpoints, Clock.systemUTC(), change -> {
      statusEvents.fire(change);
      for (PaymentListener listener : listeners) {
        try {
          listener.onStatusChanged(change);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "payment listener " + listener.getClass().getName() + " failed", e);
        }
      }
    }, documents, core.resolveAfter(), core.callbackRetry(), sweepPolicy(core));
    startCallbackWorker();
    LOG.info(() -> "Checkout Bridge started with providers " + providers.keySet() + " on " + core.datasource());
  }

  /** Starts the plugin with the application, so a bad configuration fails the deployment at once. */
  void onApplicationStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
    core.publicUrl(); // touching the bean runs start()
  }

  /**
   * Callbacks are applied on the container's managed executor (Jakarta Concurrency's default
   * instances); deliveries due for a retry are looked for on its scheduler every
   * {@code callback.retry-after}, and unsettled payments every {@code sweep.interval}. Without those, a small daemon pool of our own does both.
   */
  private void startCallbackWorker() {
    ScheduledExecutorService scheduler = lookupOptional("java:comp/DefaultManagedScheduledExecutorService",
        ScheduledExecutorService.class);
    Executor executor = lookupOptional("java:comp/DefaultManagedExecutorService", ExecutorService.class);
    if (scheduler == null || executor == null) {
      ownPool = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "checkout-bridge-callbacks");
        thread.setDaemon(true);
        return thread;
      });
      scheduler = ownPool;
      executor = ownPool;
    }
    callbacks = new CallbackWorker(engine, executor, Clock.systemUTC());
    long every = core.callbackRetry().toMillis();
    retries = scheduler.scheduleWithFixedDelay(neverDying("callback retry", callbacks::retryDue), every, every,
        TimeUnit.MILLISECONDS);
    sweeper = new Sweeper(engine, database, Clock.systemUTC(), sweepPolicy(core));
    long sweepEvery = core.sweepInterval().toMillis();
    sweeps = scheduler.scheduleWithFixedDelay(neverDying("sweep", sweeper::sweepDue), sweepEvery, sweepEvery,
        TimeUnit.MILLISECONDS);
    // In the background: a provider that is down must not slow or fail the deployment, only warn.
    List<PaymentProvider> enabled = List.copyOf(engineProviders());
    scheduler.execute(neverDying("provider self-test", () -> ProviderSelfTests.logAtStart(enabled, Clock.systemUTC())));
  }

  private static SweepPolicy sweepPolicy(CoreSettings core) {
    return new SweepPolicy(core.sweepFirstAfter(), core.sweepMaxDelay(), core.authorizationWindow(),
        SweepPolicy.defaults().lease().plus(core.http().longestCall()));
  }

  /**
   * A periodic task that survives anything its run throws: a scheduler silently stops a
   * fixed-delay task at its first exception, and these two must run for as long as the plugin.
   */
  static Runnable neverDying(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable e) {
        LOG.log(Level.SEVERE, "the " + name + " task failed; it runs again at its next time", e);
      }
    };
  }

  @PreDestroy
  void stop() {
    if (retries != null) {
      retries.cancel(false);
    }
    if (sweeps != null) {
      sweeps.cancel(false);
    }
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
    if (http != null) {
      HttpClients.shutdown(http);
    }
  }

  /**
   * The engine itself, for the plugin's own parts. Typed so that it does not also offer
   * {@link io.checkoutbridge.api.Payments}: storefronts get {@link StorefrontPayments}, which runs
   * the engine outside their transactions.
   */
  @Produces
  @Dependent
  @Typed(PaymentEngine.class)
  PaymentEngine engine() {
    return engine;
  }

  /** Whether the periodic callback retry and sweep are still scheduled (liveness). */
  public boolean backgroundTasksScheduled() {
    return retries != null && !retries.isDone() && sweeps != null && !sweeps.isDone();
  }

  /** The enabled providers, in the configured order. */
  public List<PaymentProvider> engineProviders() {
    List<PaymentProvider> found = new ArrayList<>();
    engine.providers().forEach(info -> engine.provider(info.id()).ifPresent(found::add));
    return found;
  }

  @Override
  public PaymentEngine paymentEngine() {
    return engine;
  }

  /** Settles payments and operations left unsettled; runs on the container's scheduler. */
  public Sweeper sweeper() {
    return sweeper;
  }

  /** Where accepted callbacks go to be applied. */
  @Override
  public CallbackWorker callbacks() {
    return callbacks;
  }

  @Override
  public CoreSettings core() {
    return core;
  }

  @Override
  public Seal seal() {
    return seal;
  }

  @Override
  public SealedEndpoints endpoints() {
    return endpoints;
  }

  @Override
  public Database database() {
    return database;
  }

  public Settings settings() {
    return settings;
  }

  public OkHttpClient http() {
    return http;
  }

  private Map<String, PaymentProvider> providers(Settings settings, OkHttpClient client) {
    Map<String, PaymentProvider> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, getClass().getClassLoader())) {
      if (!factory.enabled(settings)) {
        continue;
      }
      try {
        found.put(factory.id(), factory.create(settings, client, Clock.systemUTC()));
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
    }
    for (PaymentProvider provider : beanProviders) {
      if (provider.enabled()) {
        found.putIfAbsent(provider.id(), provider);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    Map<String, PaymentProvider> ordered = new LinkedHashMap<>();
    for (String id : core.providers()) {
      if (found.containsKey(id)) {
        ordered.put(id, found.remove(id));
      }
    }
    ordered.putAll(found);
    return ordered;
  }

  private static <T> T lookupOptional(String jndiName, Class<T> type) {
    try {
      Object found = InitialContext.doLookup(jndiName);
      return type.isInstance(found) ? type.cast(found) : null;
    } catch (NamingException e) {
      return null;
    }
  }

  private static DataSource lookup(String jndiName) {
    try {
      return InitialContext.doLookup(jndiName);
    } catch (NamingException | ClassCastException e) {
      throw new ConfigurationException(List.of(CoreSettings.PREFIX + "datasource is invalid: no DataSource is bound at "
          + jndiName));
    }
  }
}
