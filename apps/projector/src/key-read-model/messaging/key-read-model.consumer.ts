import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { describeEvent, isKeyLifecycleEvent } from '@pxxl/contracts';
import { KafkaClient, startKeyEventConsumer } from '@pxxl/kafka';
import { METRICS, type Metrics } from '@pxxl/observability';
import { KeyViewProjector } from '../commands/project-event/key-view.projector';

export const PROJECTOR_GROUP_ID = 'PROJECTOR_GROUP_ID';

/** Keeps the verification read model up to date from the key topic. */
@Injectable()
export class KeyReadModelConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(KeyReadModelConsumer.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly projector: KeyViewProjector,
    @Inject(PROJECTOR_GROUP_ID) private readonly groupId: string,
    @Optional() @Inject(METRICS) private readonly metrics?: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await startKeyEventConsumer(this.kafka, {
      groupId: this.groupId,
      traceAs: 'project',
      metrics: this.metrics && { registry: this.metrics, applyDuration: 'projectionApply', propagation: 'projector' },
      handle: async (event) => {
        // Key signals and workspace events share the topic but change no key view.
        if (!isKeyLifecycleEvent(event)) return;
        const outcome = await this.projector.apply(event);
        this.logger.debug({ msg: `${outcome}: ${describeEvent(event)}` });
      },
    });
  }
}
