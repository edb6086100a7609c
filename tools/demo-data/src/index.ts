export * from './demo-data.types';
export { CHICAGO } from './chicago';
export { DEMO_DEFAULTS, generateDemoData } from './generate-demo-data';
export { writeDemoData, type DemoQuery, type DemoWriteSummary } from './write-demo-data';
export { Random } from './random';
