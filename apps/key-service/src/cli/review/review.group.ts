import type { CommandGroup } from '../cli-command';

export const reviewGroup: CommandGroup = {
  help: `Usage: pxxl-keys review <open|list|show|decide|apply|sign-off|attestation> [options]

Review campaigns (docs/audit.md, "The quarterly review"); needs keys:review,
apply needs api_keys:write.

  open         open a review: freezes the active keys in scope
  list         your workspace's reviews, newest first
  show         one review: each key, its decision, done or not
  decide       record the decision on one key
  apply        carry out the pending rotate and revoke decisions
  sign-off     close a review once every key is decided and done
  attestation  the signed-off review's attestation (JSON, or --html)

Run "pxxl-keys review <subcommand> --help" for its options and an example.

Example:
  pxxl-keys review open --title "Q4 2026" --due 2026-12-31T00:00:00Z --scope cdn:upload`,
  subcommands: {
    open: async () => (await import('./review-commands')).openReviewCommand,
    list: async () => (await import('./review-commands')).listReviewsCommand,
    show: async () => (await import('./review-commands')).showReviewCommand,
    decide: async () => (await import('./review-commands')).decideReviewCommand,
    apply: async () => (await import('./review-commands')).applyReviewCommand,
    'sign-off': async () => (await import('./review-commands')).signOffReviewCommand,
    attestation: async () => (await import('./review-commands')).attestationCommand,
  },
};
