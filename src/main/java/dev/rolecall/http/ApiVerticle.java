package dev.rolecall.http;

import dev.rolecall.Config;
import dev.rolecall.auth.AccessControl;
import dev.rolecall.auth.Authenticator;
import dev.rolecall.auth.Requirements;
import dev.rolecall.auth.AuthApi;
import dev.rolecall.auth.AuthServices;
import dev.rolecall.auth.IssuerApi;
import dev.rolecall.auth.RefreshApi;
import dev.rolecall.auth.MatrixApi;
import dev.rolecall.tokens.ApiTokens;
import dev.rolecall.tokens.TokensApi;
import dev.rolecall.auth.MeApi;
import dev.rolecall.dialoglogs.DialogLogExport;
import dev.rolecall.feed.AccessEventsApi;
import dev.rolecall.feed.AccessFeed;
import dev.rolecall.dialoglogs.DialogLogIngest;
import dev.rolecall.dialoglogs.ObfuscationRules;
import dev.rolecall.ops.HealthApi;
import dev.rolecall.projects.IngestKeyAuthenticator;
import dev.rolecall.projects.IngestKeys;
import dev.rolecall.projects.ProjectsApi;
import dev.rolecall.audit.AuditApi;
import dev.rolecall.audit.AuditLog;
import dev.rolecall.audit.AuditRepository;
import dev.rolecall.users.BulkApi;
import dev.rolecall.users.ProfileApi;
import dev.rolecall.users.UserAccessApi;
import dev.rolecall.users.UserListApi;
import dev.rolecall.users.UsersApi;
import dev.rolecall.users.ProfileRepository;
import dev.rolecall.services.DecisionApi;
import dev.rolecall.services.IntrospectionApi;
import dev.rolecall.services.ServiceClientAuthenticator;
import dev.rolecall.services.ServiceClients;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The HTTP server: routes from the contract, the SPA, and one failure handler. Started once it listens. */
public final class ApiVerticle extends VerticleBase {
  private static final Set<HttpMethod> KNOWN_METHODS = Set.of(
      HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH,
      HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT);
  private static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final Config config;
  private final Pool pool;
  private final AuthServices auth;
  private final AccessFeed feed;
  private HttpServer server;

  public ApiVerticle(Config config, Pool pool, AuthServices auth, AccessFeed feed) {
    this.config = config;
    this.pool = pool;
    this.auth = auth;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> BundledFiles.root(config.webDir())).compose(root -> {
      Future<Buffer> contractText = vertx.fileSystem().readFile(root.resolve(BundledFiles.CONTRACT).toString());
      Future<OpenAPIContract> contract = contractText
          .compose(text -> OpenAPIContract.from(vertx, RouterContract.fromYaml(text.toString())));
      Future<Buffer> indexHtml = vertx.fileSystem().readFile(root.resolve("webroot/index.html").toString());
      Future<Buffer> docsHtml = vertx.fileSystem().readFile(root.resolve("docs/index.html").toString());
      return Future.all(contract, contractText, indexHtml, docsHtml)
          .map(all -> router(root, contract.result(), contractText.result(), indexHtml.result(), docsHtml.result()));
    })
        .compose(router -> {
          ConnectionGuard guard = new ConnectionGuard(vertx, config.httpLimits());
          HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true)
              .setIdleTimeout((int) config.httpLimits().idleTimeout().toMillis())
              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
          config.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(tls.certificate().toString()).setKeyPath(tls.key().toString())));
          return vertx.createHttpServer(options)
              .invalidRequestHandler(new InvalidRequests())
              .connectionHandler(guard.connections())
              .requestHandler(guard.requests(router))
              .listen(config.httpPort(), config.httpHost());
        })
        .onSuccess(listening -> server = listening);
  }

  /** Stops taking requests and lets those in flight finish, within a grace period; event streams end now. */
  @Override
  public Future<?> stop() {
    feed.endStreams();
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  private Router router(Path root, OpenAPIContract contract, Buffer contractText, Buffer indexHtml, Buffer docsHtml) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    Requirements requirements = Requirements.of(contract);
    Authenticator authenticator = new Authenticator(auth.tokens(),
        new ApiTokens(pool, auth.changes(), auth.identityCacheTtl(), Clock.systemUTC()), auth.identityCache(),
        Clock.systemUTC());
    ServiceClientAuthenticator serviceClients = new ServiceClientAuthenticator(new ServiceClients(pool),
        auth.throttle(), auth.changes(), auth.identityCacheTtl());
    AccessControl accessControl = new AccessControl(authenticator, new IngestKeyAuthenticator(pool), serviceClients,
        auth.changes());
    Operations.mount(vertx, contract, requirements, builder, accessControl::handlerFor,
        handlers(contractText, requirements, authenticator));

    Router router = builder.createRouter();
    router.route().order(-2).handler(ClientAddress.resolver(config.trustedProxies()));
    // Before every route, the contract's included, so that no answer (404s too) lacks these headers.
    router.route().order(-1).handler(new SecurityHeaders(ImportMap.cspHash(indexHtml.toString())));
    WebRoutes.mount(router, root, indexHtml, docsHtml);
    AllowedMethods allowed = AllowedMethods.of(RouterContract.parse(contractText.toString()));
    allowed.mount(router);
    router.route().failureHandler(Problems::respond);
    router.errorHandler(405, ctx -> {
      if (!KNOWN_METHODS.contains(ctx.request().method())) {
        // RFC 9110: a method the server does not recognise is 501, one it does but not here 405.
        Problems.send(ctx.response(), Problem.of(501, "method-not-implemented", "Method not implemented",
            ctx.request().method() + " is not a method this service knows."));
        return;
      }
      List<String> methods = allowed.at(ctx.normalizedPath());
      if (!methods.isEmpty()) {
        ctx.response().putHeader("Allow", String.join(", ", methods));
      }
      Problems.respond(ctx);
    });
    for (int status : new int[] {400, 404, 500, 501}) {
      router.errorHandler(status, Problems::respond);
    }
    return router;
  }

  private Map<String, Handler<RoutingContext>> handlers(Buffer contractText, Requirements requirements,
      Authenticator authenticator) {
    Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
    handlers.putAll(new HealthApi(pool).handlers());
    AuditLog audit = new AuditLog(pool);
    handlers.putAll(new AuthApi(auth.identities(), auth.hasher(), auth.throttle(), auth.grants(), auth.refreshTokens(),
        audit).handlers());
    handlers.putAll(new RefreshApi(auth.identities(), auth.refreshTokens(), auth.grants(), audit).handlers());
    handlers.putAll(new IssuerApi(auth.tokens(), auth.grants()).handlers());
    handlers.putAll(new MeApi(auth.identities(), requirements, auth.hasher(), auth.grants(), audit, auth.throttle()).handlers());
    handlers.putAll(new MatrixApi().handlers());
    handlers.putAll(new ProfileApi(new ProfileRepository(pool), audit).handlers());
    handlers.putAll(new AuditApi(new AuditRepository(pool), audit).handlers());
    handlers.putAll(new UsersApi(pool, auth.hasher(), audit).handlers());
    handlers.putAll(new UserAccessApi(pool, auth.hasher(), audit).handlers());
    handlers.putAll(new BulkApi(pool, audit).handlers());
    handlers.putAll(new UserListApi(pool, audit).handlers());
    handlers.putAll(new TokensApi(pool, audit).handlers());
    handlers.putAll(new AccessEventsApi(feed).handlers());
    handlers.putAll(new ProjectsApi(pool, audit).handlers());
    handlers.putAll(new IngestKeys(pool, audit).handlers());
    handlers.putAll(new DialogLogIngest(pool).handlers());
    handlers.putAll(new DialogLogExport(pool, audit).handlers());
    handlers.putAll(new ObfuscationRules(pool, audit).handlers());
    handlers.putAll(new DecisionApi(authenticator, auth.identityCache(), requirements, audit).handlers());
    handlers.putAll(new IntrospectionApi(authenticator).handlers());
    handlers.putAll(new dev.rolecall.secrets.ProjectSecretsApi(pool, audit, auth.secretBox()).handlers());
    handlers.putAll(new dev.rolecall.telephony.SipTrunksApi(pool, audit, auth.secretBox()).handlers());
    handlers.put("getContract", ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(contractText));
    return handlers;
  }
}
