export * from './metrics';
export * from './series';
export { CounterCell, HistogramCell, HotCounter, HotHistogram, ReadSeries, type Reader, type Reading } from './hot-series';
