package dev.rolecall.support;

import dev.rolecall.Rolecall;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class of the API: the real service on a free port against the test database, a client, and
 * fixtures, for the whole class. A class that needs other settings starts its own with {@link TestService}.
 */
@ExtendWith(VertxExtension.class)
public abstract class ServiceTest {
  protected static Rolecall service;
  protected static Api api;
  protected static Fixtures fixtures;

  @BeforeAll
  static void startService(Vertx vertx) {
    service = TestService.start();
    api = new Api(vertx, service);
    fixtures = new Fixtures(service.pool());
  }

  @AfterAll
  static void stopService() {
    api.close();
    service.close();
  }
}
