import './start-tracing';
import 'reflect-metadata';
import { runHttpApp } from '@pxxl/http';
import { createProjectorApp } from './create-projector-app';
import { loadProjectorConfig } from './projector.config';

void runHttpApp('projector', loadProjectorConfig, createProjectorApp);
