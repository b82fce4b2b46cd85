package dev.rolecall.auth;

import dev.rolecall.StartupException;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** One ES256 key pair that signs login tokens: its private half sealed at rest, its public half published. */
record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, Instant createdAt) {
  static final String ALGORITHM = "ES256";
  private static final int COORDINATE_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  static SigningKey generate() {
    byte[] id = new byte[15];
    RANDOM.nextBytes(id);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(B64URL.encodeToString(id), (ECPrivateKey) pair.getPrivate(),
          (ECPublicKey) pair.getPublic(), Instant.now());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 keys are unavailable in this JVM", e);
    }
  }

  /** A stored key: its private half opens only with the secrets key it was sealed with. */
  static SigningKey open(SecretBox box, String kid, byte[] sealedPrivate, byte[] publicKey, Instant createdAt) {
    byte[] pkcs8;
    try {
      pkcs8 = box.open(sealedPrivate, context(kid));
    } catch (SecretBox.CannotOpen e) {
      throw new StartupException(
          "cannot decrypt the signing keys: ROLECALL_SECRETS_KEY is not the key they were stored with", e);
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      return new SigningKey(kid, (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
          (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)), createdAt);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new StartupException("the stored signing key " + kid + " is not a P-256 key pair", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  byte[] sealedPrivateKey(SecretBox box) {
    return box.seal(privateKey.getEncoded(), context(kid));
  }

  String privatePem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  String publicPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** The public key as an RFC 7517 JWK, as resource servers read it from the JWKS. */
  JsonObject jwk() {
    return new JsonObject()
        .put("kty", "EC")
        .put("crv", "P-256")
        .put("kid", kid)
        .put("use", "sig")
        .put("alg", ALGORITHM)
        .put("x", coordinate(publicKey.getW().getAffineX()))
        .put("y", coordinate(publicKey.getW().getAffineY()));
  }

  @Override
  public String toString() {
    return "SigningKey[" + kid + "]";
  }

  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[COORDINATE_BYTES];
    int length = Math.min(raw.length, COORDINATE_BYTES);
    System.arraycopy(raw, raw.length - length, fixed, COORDINATE_BYTES - length, length);
    return B64URL.encodeToString(fixed);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static String context(String kid) {
    return "rolecall signing_key " + kid;
  }
}
