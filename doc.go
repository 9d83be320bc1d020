// Package kycd holds the domain of the kycd identity-verification service:
// accounts, one-time codes, sessions, levels and their limits, the audit log,
// and the Service that applies the rules to them.
//
// The package imports no adapter. Storage, mail, SMS and HTTP live in their
// own packages (sqlite, postgres, mail, sms, http) that import this one, and
// cmd/kycd wires them together. Rules are written once here, against the
// Store interface, so SQLite and PostgreSQL cannot drift apart in behaviour.
package kycd
