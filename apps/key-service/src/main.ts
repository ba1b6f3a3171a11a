import './start-tracing';
import 'reflect-metadata';
import { runHttpApp } from '@pxxl/http';
import { createKeyServiceApp } from './create-key-service-app';
import { loadKeyServiceConfig } from './key-service.config';

void runHttpApp('key-service', loadKeyServiceConfig, createKeyServiceApp);
