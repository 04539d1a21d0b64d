"""Sessions, passwords, TOTP and the access policy."""
