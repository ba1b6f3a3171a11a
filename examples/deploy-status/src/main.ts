import 'reflect-metadata';
import { runHttpApp } from '@pxxl/http';
import { createDeployStatusApp } from './create-deploy-status-app';
import { loadDeployStatusConfig } from './deploy-status.config';

void runHttpApp('deploy-status', loadDeployStatusConfig, (config) => createDeployStatusApp(config));
