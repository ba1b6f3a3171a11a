export * from './catalog';
export * from './matching';
export * from './presets';
