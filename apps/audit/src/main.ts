import './start-tracing';
import 'reflect-metadata';
import { runHttpApp } from '@pxxl/http';
import { createAuditApp } from './create-audit-app';
import { loadAuditConfig } from './audit.config';

void runHttpApp('audit', loadAuditConfig, createAuditApp);
