export * from './key-view.schema';
export * from './key-view.reader';
export * from './key-view.projection';
export * from './key-read-model.module';
export * from './key-usage';
export * from './fold-views';
export * from './view-digest';
export * from './key-view.read-your-writes';
