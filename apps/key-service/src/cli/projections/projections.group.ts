import type { CommandGroup } from '../cli-command';

export const projectionsGroup: CommandGroup = {
  help: `Usage: pxxl-keys projections <reconcile|rebuild> [options]

Admin commands on the verification read model, talking to MongoDB and Kafka
directly (MONGODB_URI, KAFKA_BROKERS):
  reconcile   compare the read model with the event store, key by key
  rebuild     rebuild the read model from the event log into a fresh
              collection, compare digests, and switch over with no moment
              where verification fails (progress bar with rate and ETA on
              a terminal)

Run "pxxl-keys projections <subcommand> --help" for its options and an example.

Example:
  pxxl-keys projections reconcile`,
  subcommands: {
    reconcile: async () => (await import('./reconcile-projections.command')).reconcileProjectionsCommand,
  },
};
