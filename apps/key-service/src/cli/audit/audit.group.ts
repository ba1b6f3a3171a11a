import type { CommandGroup } from '../cli-command';

export const auditGroup: CommandGroup = {
  help: `Usage: pxxl-keys audit <export|verify|prove|review|reconcile|keygen> [options]

For compliance reviewers, over the audit app's reviewer API (a key with
audit:read in PXXL_API_KEY; the audit app at PXXL_AUDIT_URL):
  export      stream the audit trail as NDJSON or CSV
  verify      prove the trail intact (hash chain, or signed checkpoints and proofs)
  prove       write one entry's inclusion proof, for someone without access
  review      the periodic review report, as JSON or CSV
An admin command, reading MongoDB directly (MONGODB_URI):
  reconcile   compare the event store with the audit trail and list any gap
  keygen      make the Ed25519 key the audit app signs checkpoints with

Run "pxxl-keys audit <subcommand> --help" for its options and an example.

Example:
  pxxl-keys audit verify --expect-head 1200:3f2a…e9`,
  subcommands: {
    export: async () => (await import('./export-audit.command')).exportAuditCommand,
    verify: async () => (await import('./verify-audit.command')).verifyAuditCommand,
    prove: async () => (await import('./prove-audit.command')).proveAuditCommand,
    review: async () => (await import('./review-audit.command')).reviewAuditCommand,
    reconcile: async () => (await import('./reconcile-audit.command')).reconcileAuditCommand,
    keygen: async () => (await import('./keygen-audit.command')).keygenAuditCommand,
  },
};
