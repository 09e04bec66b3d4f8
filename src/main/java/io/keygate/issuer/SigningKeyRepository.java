package io.keygate.issuer;

import java.util.List;

/** Store port for the issuer's signing keys, shared by every node; implementations seal the private keys. */
public interface SigningKeyRepository {

    /** Every stored key. */
    List<SigningKey> list();

    /** Stores the key unless one with its kid exists (another node made it first); true if stored. */
    boolean create(SigningKey key);
}
