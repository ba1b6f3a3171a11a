import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CHAIN_STORE, CHECKPOINT_LOG, CHECKPOINT_SETTINGS, type ChainStore, type CheckpointLog, type CheckpointSettings, type StoredCheckpoint } from '../../ports';
import { CheckpointTaker } from './checkpoint-taker';

/**
 * Every AUDIT_CHECKPOINT_INTERVAL_MS, a signed checkpoint for each workspace
 * whose tree grew since this instance last published, to Kafka and the log.
 * Several instances may publish the same checkpoint: it is the same note.
 */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoint');
  private readonly published = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<StoredCheckpoint[]>;

  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    @Inject(CHECKPOINT_LOG) private readonly log: CheckpointLog,
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
    private readonly taker: CheckpointTaker,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.signerKey === null) {
      this.logger.warn({ msg: 'no AUDIT_SIGNING_KEY_FILE: the audit trail is kept but no checkpoint is signed' });
      return;
    }
    this.timer = setInterval(() => void this.publish().catch(() => undefined), this.settings.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * A review's sign-off takes a checkpoint at once rather than at the next interval: the signed
   * tree then holds the sign-off itself (docs/audit.md). Nothing to do without a signing key.
   */
  async afterSignOff(): Promise<void> {
    if (this.settings.signerKey === null) return;
    await this.publish().catch(() => undefined);
  }

  /** Signs and publishes a checkpoint for every workspace whose tree grew; answers them. */
  publish(): Promise<StoredCheckpoint[]> {
    this.running ??= this.publishGrown().finally(() => (this.running = undefined));
    return this.running;
  }

  private async publishGrown(): Promise<StoredCheckpoint[]> {
    const grown = (await this.chain.allHeads()).filter((head) => head.seq > (this.published.get(head.workspaceId) ?? 0));
    const taken: StoredCheckpoint[] = [];
    for (const head of grown) {
      try {
        taken.push(await this.taker.take(head.workspaceId));
      } catch (error) {
        this.logger.warn({ msg: 'could not sign an audit checkpoint; will retry', workspaceId: head.workspaceId, error: String(error) });
      }
    }
    await this.log.publish(taken);
    for (const checkpoint of taken) this.published.set(checkpoint.workspaceId, checkpoint.size);
    return taken;
  }
}
