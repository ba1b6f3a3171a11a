import { DynamicModule, Module } from '@nestjs/common';
import { BEARER_AUTH_HEALTH_CHECK, BearerAuthModule, type RevocationListenerOptions } from '@pxxl/bearer-auth';
import { HealthModule, MetricsModule } from '@pxxl/http';
import { kafkaConnectionOptions } from '@pxxl/kafka';
import { MongoModule } from '@pxxl/mongo';
import type { DeployStatusConfig } from './deploy-status.config';
import { DeploymentBoard } from './deployments/deployment-board';
import { DeploymentsController } from './deployments/deployments.controller';

export const DEPLOY_STATUS_CONFIG = 'DEPLOY_STATUS_CONFIG';

@Module({})
class DeployStatusConfigModule {
  static of(config: DeployStatusConfig): DynamicModule {
    return { module: DeployStatusConfigModule, providers: [{ provide: DEPLOY_STATUS_CONFIG, useValue: config }], exports: [DEPLOY_STATUS_CONFIG] };
  }
}

export interface DeployStatusModuleOptions {
  /** kafkajs connection settings for the revocation listener (a socket factory…); added to TLS and SASL from the config. */
  kafka?: RevocationListenerOptions['kafka'];
}

/** A small internal service that accepts Pxxl keys: all it needs is BearerAuthModule and the guard. */
@Module({})
export class DeployStatusModule {
  static forRoot(config: DeployStatusConfig, options: DeployStatusModuleOptions = {}): DynamicModule {
    const configModule = DeployStatusConfigModule.of(config);
    const revocations = (c: DeployStatusConfig): RevocationListenerOptions => ({
      brokers: c.kafka.brokers,
      topic: c.kafka.topic,
      serviceName: c.serviceName,
      kafka: { ...kafkaConnectionOptions(c.kafka.security), ...options.kafka },
    });
    const cache = (c: DeployStatusConfig) => ({ maxStalenessMs: c.maxStalenessMs });
    const auth =
      config.mode === 'local'
        ? BearerAuthModule.forRootAsync({
            mode: 'local',
            imports: [configModule],
            inject: [DEPLOY_STATUS_CONFIG],
            useFactory: (c: DeployStatusConfig) => ({ bcryptCost: c.bcryptCost, revocations: revocations(c), cache: cache(c) }),
          })
        : BearerAuthModule.forRootAsync({
            mode: 'remote',
            imports: [configModule],
            inject: [DEPLOY_STATUS_CONFIG],
            useFactory: (c: DeployStatusConfig) => ({ keyServiceUrl: c.keyServiceUrl, revocations: revocations(c), cache: cache(c) }),
          });
    return {
      module: DeployStatusModule,
      imports: [
        // GET /metrics: the guard's verifications, cache, listener lag and revocation propagation, in this app's registry.
        MetricsModule.forApp('deploy-status'),
        ...(config.mode === 'local' ? [MongoModule.forRoot(config.mongoUri, 'deploy-status')] : []),
        auth,
        HealthModule.forChecks([BEARER_AUTH_HEALTH_CHECK]),
      ],
      controllers: [DeploymentsController],
      providers: [DeploymentBoard],
    };
  }
}
