-- Whether the credentials issued to a person carry their e-mail, as a salted SHA-256 hash (an Open
-- Badges 3.0 IdentityObject). Off unless they choose it: the hash is published with its salt, so
-- whoever holds one of their credentials can test a guessed address against it.
ALTER TABLE booklet_visibility ADD COLUMN email_in_credentials boolean NOT NULL DEFAULT false;
